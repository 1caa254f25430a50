using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>
/// Which wheels of an install set may be placed in parallel: those sharing no installed path (or script
/// name) with another wheel of the set. The others keep their order, so "the later distribution wins a
/// shared file" stays true.
/// </summary>
internal static class WheelFileOverlap
{
    public static (List<DesiredWheel> Independent, List<DesiredWheel> Ordered) Split(
        IReadOnlyList<DesiredWheel> wheels, IReadOnlyDictionary<string, UnpackedWheel> unpacked)
    {
        var targets = wheels.ToDictionary(w => w, w => InstalledKeys(unpacked[EnvironmentPlanner.Canonical(w.Name)]));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in targets.Values.SelectMany(k => k))
            counts[key] = counts.GetValueOrDefault(key) + 1;
        var independent = wheels.Where(w => targets[w].All(k => counts[k] == 1)).ToList();
        return (independent, wheels.Where(w => !independent.Contains(w)).ToList());
    }

    /// <summary>
    /// Where a wheel's files land, as scheme-relative keys (purelib and platlib share site-packages), with
    /// every folder below a scheme root, so a file of one wheel where another has a folder counts as overlap.
    /// </summary>
    private static HashSet<string> InstalledKeys(UnpackedWheel wheel)
    {
        var dataPrefix = wheel.DataDir + "/";
        var files = wheel.Files.Select(f => f.Replace('\\', '/')).Select(file =>
        {
            if (!file.StartsWith(dataPrefix, StringComparison.Ordinal)) return "site/" + file;
            var rest = file[dataPrefix.Length..];
            var slash = rest.IndexOf('/');
            var scheme = slash < 0 ? rest : rest[..slash];
            var path = slash < 0 ? "" : rest[(slash + 1)..];
            return (scheme is "purelib" or "platlib" ? "site" : scheme) + "/" + path;
        }).Concat(wheel.EntryPoints.Select(e => "scripts/" + e.Name));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in files)
        {
            keys.Add(key);
            // Folders below the scheme root ("site/pkg", "site/pkg/sub"), never the root itself.
            for (var cut = key.LastIndexOf('/'); cut > key.IndexOf('/'); cut = key.LastIndexOf('/', cut - 1))
                keys.Add(key[..cut]);
        }
        return keys;
    }
}
