using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>What the install stage placed: the state's package list, file counts and the installs' warnings.</summary>
public sealed record StagedInstall(IReadOnlyList<EnvironmentState.Package> Packages, int LinkedFiles, int CopiedFiles, IReadOnlyList<InstallWarning> Warnings);

/// <summary>
/// The install stage of an update: builds the new environment in a staging folder — a hardlink clone of the
/// current one when it is reusable, a fresh skeleton otherwise — removes what the plan removes, links the
/// prepared wheels in from the cache and writes the state file. The live environment is not touched.
/// </summary>
public sealed class StagingInstaller(BaseInterpreter baseInterpreter, bool compileBytecode)
{
    /// <summary>Fills <paramref name="staging"/> (a new folder) as the environment that will live at <paramref name="root"/>.</summary>
    public StagedInstall Install(string staging, string root, EnvironmentPlan plan, IReadOnlyDictionary<string, UnpackedWheel> unpacked, CancellationToken cancellationToken)
    {
        if (plan.Reusable)
            DirectoryCloner.Clone(root, staging);
        var stagingLayout = VirtualEnvironmentWriter.Write(staging, baseInterpreter, root);
        var scheme = stagingLayout.Scheme(root);

        var shared = OwnedPaths(stagingLayout, plan.Kept.Values);
        foreach (var distInfo in plan.ToRemove)
            WheelInstaller.Uninstall(Path.Combine(stagingLayout.SitePackages, distInfo), scheme, shared);

        var (independent, ordered) = WheelFileOverlap.Split(plan.ToInstall, unpacked);
        var installedNow = new ConcurrentBag<(EnvironmentState.Package Package, int Linked, int Copied)>();
        var warnings = new ConcurrentBag<InstallWarning>();
        void InstallOne(DesiredWheel w)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var project = EnvironmentPlanner.Canonical(w.Name);
            var result = WheelInstaller.Install(unpacked[project], scheme, new InstallOptions
            {
                Requested = w.Requested,
                DirectUrl = w.DirectUrl,
                CompileBytecode = compileBytecode,
                // Like pip: a later distribution may replace a file another one also ships (namespace __init__.py).
                OverwriteExisting = true,
            });
            foreach (var warning in result.Warnings)
                warnings.Add(warning);
            installedNow.Add((new EnvironmentState.Package(project, w.Version, w.Sha256.ToLowerInvariant(), w.Requested, w.DirectUrl, Path.GetFileName(result.DistInfoPath)),
                result.LinkedFiles, result.CopiedFiles));
        }
        try
        {
            Parallel.ForEach(independent, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, InstallOne);
        }
        catch (AggregateException parallel) when (parallel.InnerExceptions.Count > 0)
        {
            // Report the first wheel's own error (LlmPyException with its code), as the sequential path does.
            ExceptionDispatchInfo.Capture(parallel.InnerExceptions[0]).Throw();
        }
        foreach (var w in ordered) InstallOne(w);

        var packages = plan.Kept.Values.ToList();
        int linked = 0, copied = 0;
        foreach (var (package, l, c) in installedNow.OrderBy(i => i.Package.Name, StringComparer.Ordinal))
        {
            linked += l;
            copied += c;
            packages.Add(package);
        }
        new EnvironmentState(baseInterpreter.Executable, baseInterpreter.Version, packages).Write(staging);
        return new StagedInstall(packages, linked, copied,
            warnings.OrderBy(w => w.PackageName, StringComparer.Ordinal).ThenBy(w => w.Code, StringComparer.Ordinal).ToList());
    }

    /// <summary>Every path (absolute) the kept distributions' RECORDs list: removals must not take them away.</summary>
    private static HashSet<string> OwnedPaths(VirtualEnvironmentLayout layout, IEnumerable<EnvironmentState.Package> kept)
    {
        var owned = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var package in kept)
        {
            var record = Path.Combine(layout.SitePackages, package.DistInfo, "RECORD");
            foreach (var row in RecordFile.Parse(File.ReadAllText(record)))
                owned.Add(Path.GetFullPath(Path.Combine(layout.SitePackages, row.Path)));
        }
        return owned;
    }
}
