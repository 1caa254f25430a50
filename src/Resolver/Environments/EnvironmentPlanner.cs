using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>
/// Compares an environment with the wheels it must contain and decides what changes (the plan stage of an
/// update): a distribution stays when the state file says it came from the same wheel (sha256), with the
/// same REQUESTED / direct_url, and its files are intact; everything else installed is removed and every
/// wanted wheel not kept is installed. Reads the environment, writes nothing.
/// </summary>
public static class EnvironmentPlanner
{
    public static EnvironmentPlan Plan(string root, BaseInterpreter baseInterpreter, IReadOnlyList<DesiredWheel> desired)
    {
        var wanted = Index(desired);
        var layout = VirtualEnvironmentLayout.For(root, baseInterpreter);
        var state = EnvironmentState.Read(root);
        var reusable = state is not null && state.BaseExecutable == baseInterpreter.Executable && state.PythonVersion == baseInterpreter.Version
            && EnvironmentIntegrity.SkeletonIsIntact(layout, hasInterpreter: !baseInterpreter.IsDescribed);
        if (!reusable)
            CheckReplaceable(root);

        var installed = reusable ? ScanDistInfos(layout.SitePackages) : [];
        var kept = new Dictionary<string, EnvironmentState.Package>(StringComparer.Ordinal);
        if (reusable)
        {
            foreach (var (distInfo, project) in installed)
            {
                var previous = state!.Packages.FirstOrDefault(p => p.Name == project && p.DistInfo == distInfo);
                if (previous is not null && wanted.TryGetValue(project, out var w) && previous.Sha256 == w.Sha256.ToLowerInvariant()
                    && previous.Requested == w.Requested && previous.DirectUrl == w.DirectUrl && !kept.ContainsKey(project)
                    && EnvironmentIntegrity.DistributionIsIntact(layout, distInfo))
                    kept[project] = previous;
            }
        }
        var toRemove = installed.Where(i => !(kept.TryGetValue(i.Project, out var k) && k.DistInfo == i.DistInfo)).Select(i => i.DistInfo).ToList();
        var toInstall = wanted.Values.Where(w => !kept.ContainsKey(Canonical(w.Name))).OrderBy(w => Canonical(w.Name), StringComparer.Ordinal).ToList();
        return new EnvironmentPlan(layout, reusable, kept, toRemove, toInstall);
    }

    /// <summary>The project of a .dist-info folder name (<c>foo_bar-1.0.dist-info</c> → foo-bar).</summary>
    public static string ProjectOf(string distInfo)
    {
        var stem = distInfo[..^".dist-info".Length];
        var dash = stem.LastIndexOf('-');
        return Canonical(dash > 0 ? stem[..dash] : stem);
    }

    /// <summary>PEP 503 name.</summary>
    internal static string Canonical(string name) => WheelNameParts.Canonicalize(name);

    private static Dictionary<string, DesiredWheel> Index(IReadOnlyList<DesiredWheel> desired)
    {
        var wanted = new Dictionary<string, DesiredWheel>(StringComparer.Ordinal);
        foreach (var w in desired)
            if (!wanted.TryAdd(Canonical(w.Name), w))
                throw new LlmPyException(DiagnosticCodes.Installer.DuplicateDistribution,
                    $"The environment was asked to contain '{w.Name}' twice ({Path.GetFileName(wanted[Canonical(w.Name)].WheelPath)} and {Path.GetFileName(w.WheelPath)}). Keep one PythonPackage item per project.") { PackageName = w.Name };
        return wanted;
    }

    private static List<(string DistInfo, string Project)> ScanDistInfos(string sitePackages)
        => Directory.Exists(sitePackages)
            ? Directory.EnumerateDirectories(sitePackages, "*.dist-info").Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)
                .Select(d => (d, ProjectOf(d))).ToList()
            : [];

    /// <summary>A folder that is neither absent, empty, nor a virtual environment is never replaced.</summary>
    private static void CheckReplaceable(string root)
    {
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !File.Exists(Path.Combine(root, "pyvenv.cfg")))
            throw new LlmPyException(DiagnosticCodes.Installer.VenvCreationFailed,
                $"'{root}' exists and is not a virtual environment (no pyvenv.cfg), so it will not be replaced. Set PythonEnvironmentDirectory to an empty or new folder.");
    }
}
