using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>
/// A cheap check of an existing environment for the no-op path: the interpreter entry and pyvenv.cfg exist,
/// and for each recorded distribution its .dist-info and RECORD exist and every RECORD file exists.
/// Contents are not hashed (that is what a rebuild is for).
/// </summary>
public static class EnvironmentIntegrity
{
    /// <summary>True when the skeleton (pyvenv.cfg, interpreter link unless the target is only described) is usable.</summary>
    public static bool SkeletonIsIntact(VirtualEnvironmentLayout layout, bool hasInterpreter = true)
        => File.Exists(layout.ConfigFile) && (!hasInterpreter || File.Exists(layout.Python)) && Directory.Exists(layout.SitePackages);

    /// <summary>True when the distribution's .dist-info, RECORD and every RECORD file exist.</summary>
    public static bool DistributionIsIntact(VirtualEnvironmentLayout layout, string distInfo)
    {
        var distInfoPath = Path.Combine(layout.SitePackages, distInfo);
        var recordPath = Path.Combine(distInfoPath, "RECORD");
        if (!File.Exists(recordPath))
            return false;
        try
        {
            foreach (var row in RecordFile.Parse(File.ReadAllText(recordPath)))
                if (!File.Exists(Path.Combine(layout.SitePackages, row.Path)))
                    return false;
        }
        catch (FormatException)
        {
            return false;
        }
        return true;
    }

    /// <summary>Names of the distributions of <paramref name="state"/> that are damaged.</summary>
    public static IReadOnlyList<string> BrokenDistributions(VirtualEnvironmentLayout layout, EnvironmentState state)
        => state.Packages.Where(p => !DistributionIsIntact(layout, p.DistInfo)).Select(p => p.Name).ToList();
}
