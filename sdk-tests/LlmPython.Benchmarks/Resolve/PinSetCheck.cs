using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Benchmarks.Resolve;

/// <summary>
/// Checks a resolver's answer against <see cref="LlmStackGraph"/>: every root and every Requires-Dist of
/// every pinned version (its extras included when something asked for them) is met by the pins, on the
/// CPython 3.11 linux target. Two different answers can both be valid; this says whether each one is.
/// </summary>
internal static class PinSetCheck
{
    /// <summary>Unmet requirements as "who needs what (pinned: x)"; empty = the pin set is consistent.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> pins)
    {
        // Which extras of each package are requested: a fixed point, since an extra can bring more extras.
        var extras = pins.Keys.ToDictionary(n => n, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var (_, requirement) in Edges(pins, extras))
                if (extras.TryGetValue(requirement.NormalizedName.Value, out var set))
                    foreach (var extra in requirement.Extras)
                        changed |= set.Add(extra);
        }
        while (changed);

        var problems = new List<string>();
        foreach (var (from, requirement) in Edges(pins, extras))
        {
            if (!pins.TryGetValue(requirement.NormalizedName.Value, out var pinned))
                problems.Add($"{from} needs {requirement} (not pinned)");
            else if (!requirement.Specifier.Contains(Pep440Version.Parse(pinned), allowPrereleases: true))
                problems.Add($"{from} needs {requirement} (pinned: {pinned})");
        }
        problems.AddRange(pins.Keys.Where(n => LlmStackGraph.Projects.All(p => p.Name != n)).Select(n => $"{n} is pinned but not in the graph"));
        return problems.Distinct().ToList();
    }

    /// <summary>The roots, and every requirement of every pin whose marker holds with that package's extras.</summary>
    private static IEnumerable<(string From, Requirement Requirement)> Edges(IReadOnlyDictionary<string, string> pins, Dictionary<string, HashSet<string>> extras)
    {
        foreach (var root in LlmStackGraph.Roots)
            yield return ("(root)", Requirement.Parse(root));
        foreach (var (name, version) in pins)
            foreach (var requirement in RequiresDist(name, version))
                if (requirement.Marker is null || requirement.Marker.Evaluate(HostMarkers.Linux311, extras[name]))
                    yield return ($"{name}=={version}", requirement);
    }

    private static IEnumerable<Requirement> RequiresDist(string name, string version)
    {
        var project = LlmStackGraph.Projects.FirstOrDefault(p => p.Name == name);
        if (project is null) yield break;
        var index = Array.IndexOf(project.Versions, version);
        if (index < 0) yield break;
        foreach (var text in project.Eras.Last(e => e.From <= index).Requires)
            yield return Requirement.Parse(text);
        foreach (var (extra, requires) in project.Extras ?? [])
            foreach (var text in requires)
                yield return Requirement.Parse(text.Contains(';') ? $"{text} and extra == \"{extra}\"" : $"{text}; extra == \"{extra}\"");
    }
}
