using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>
/// The prepare stage of an update: every wheel to install verified and unpacked into the cache
/// (<see cref="UnpackedWheelStore"/>) before any environment file is touched. A wheel already unpacked
/// (e.g. by the download pipeline as it arrived) costs one manifest read.
/// </summary>
public sealed class WheelPreparer(UnpackedWheelStore store)
{
    /// <summary>The unpacked wheels by normalized project name; LLMPY0804 when a wheel holds another distribution than its lock entry names.</summary>
    public async Task<IReadOnlyDictionary<string, UnpackedWheel>> PrepareAsync(IReadOnlyList<DesiredWheel> wheels, CancellationToken cancellationToken)
    {
        var unpacked = new Dictionary<string, UnpackedWheel>(StringComparer.Ordinal);
        // Wheels unpack side by side (each is I/O and hashing bound on its own).
        using var slots = new SemaphoreSlim(Environment.ProcessorCount);
        await Task.WhenAll(wheels.Select(async w =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var wheel = await store.GetAsync(w.WheelPath, w.Sha256, w.FileName ?? Path.GetFileName(w.WheelPath), cancellationToken).ConfigureAwait(false);
                if (EnvironmentPlanner.Canonical(wheel.Name) != EnvironmentPlanner.Canonical(w.Name))
                    throw new LlmPyException(DiagnosticCodes.Installer.InvalidLayout,
                        $"The wheel '{wheel.FileName}' contains the distribution '{wheel.Name}', not '{w.Name}' as the lock says. Re-lock (PythonUpdatePackages={w.Name}) or fix the wheel path.") { PackageName = w.Name };
                lock (unpacked) unpacked[EnvironmentPlanner.Canonical(w.Name)] = wheel;
            }
            finally { slots.Release(); }
        })).ConfigureAwait(false);
        return unpacked;
    }
}
