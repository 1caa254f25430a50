using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>
/// Brings a virtual environment to exactly a set of wheels, changing only what changed, in four stages like
/// uv's: plan (<see cref="EnvironmentPlanner"/>: what stays, goes, comes), prepare (<see cref="WheelPreparer"/>:
/// every new wheel verified and unpacked into the cache), install (<see cref="StagingInstaller"/>: a staging copy
/// next to the environment, hardlinks of the current one, filled from the cache) and swap
/// (<see cref="EnvironmentSwap"/>: two renames). A failure at any point before the swap leaves the previous
/// environment untouched, and an interruption between the renames is repaired by the next run. One update per
/// environment at a time (<see cref="EnvironmentLock"/>).
/// </summary>
public sealed class EnvironmentUpdater(UnpackedWheelStore store)
{
    public UnpackedWheelStore Store { get; } = store;

    /// <summary>Write .pyc files for installed modules (PythonCompileBytecode).</summary>
    public bool CompileBytecode { get; init; }

    /// <summary>How long to wait for another build updating the same environment.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public async Task<EnvironmentUpdateResult> UpdateAsync(string root, BaseInterpreter baseInterpreter, IReadOnlyList<DesiredWheel> desired, CancellationToken cancellationToken = default)
    {
        root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(root)!;
        var name = Path.GetFileName(root);
        Directory.CreateDirectory(parent);
        using var updateLock = await EnvironmentLock.AcquireAsync(Path.Combine(parent, $".{name}.lock"), root, LockTimeout, cancellationToken).ConfigureAwait(false);
        EnvironmentSwap.RecoverInterrupted(parent, name, root);

        var plan = EnvironmentPlanner.Plan(root, baseInterpreter, desired);
        if (plan.IsNoOp)
            return new EnvironmentUpdateResult(plan.Layout, true, [], [], plan.Kept.Count, 0, 0);

        // Verify and unpack everything before touching any environment file.
        var unpacked = await new WheelPreparer(Store).PrepareAsync(plan.ToInstall, cancellationToken).ConfigureAwait(false);

        var staging = EnvironmentSwap.NewStagingPath(parent, name);
        StagedInstall staged;
        try
        {
            staged = new StagingInstaller(baseInterpreter, CompileBytecode).Install(staging, root, plan, unpacked, cancellationToken);
            EnvironmentSwap.Swap(staging, root, parent, name);
        }
        catch (Exception e)
        {
            EnvironmentSwap.DeleteTree(staging);
            // Messages name paths as the user will have them: the staging copy is gone once this returns.
            if (e is IOException or UnauthorizedAccessException)
                throw new LlmPyException(DiagnosticCodes.Installer.WriteFailed,
                    $"Updating the Python environment '{root}' failed: {e.Message.Replace(staging, root)}. The previous environment was kept; check free space and permissions, then build again.", e);
            if (e is LlmPyException coded && coded.Message.Contains(staging, StringComparison.Ordinal))
                throw new LlmPyException(coded.Code, coded.Message.Replace(staging, root), coded.InnerException) { PackageName = coded.PackageName };
            throw;
        }

        return new EnvironmentUpdateResult(plan.Layout, false, plan.ToInstall.Select(w => EnvironmentPlanner.Canonical(w.Name)).ToList(), plan.RemovedProjects,
            plan.Kept.Count, staged.LinkedFiles, staged.CopiedFiles)
        {
            Warnings = staged.Warnings,
        };
    }
}
