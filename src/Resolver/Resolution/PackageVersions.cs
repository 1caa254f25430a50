using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Resolution;

/// <summary>The candidates of one project, newest first; version sets index into this list.</summary>
internal sealed class PackageVersions
{
    public PackageVersions(PackageName name, IReadOnlyList<ResolverCandidate>? candidates)
    {
        Name = name;
        Exists = candidates is not null;
        Candidates = (candidates ?? []).OrderByDescending(c => c.Version).ToArray();
    }

    public PackageName Name { get; }

    /// <summary>False when the index does not know the project.</summary>
    public bool Exists { get; }

    public IReadOnlyList<ResolverCandidate> Candidates { get; }

    public int Count => Candidates.Count;

    public Pep440Version this[int index] => Candidates[index].Version;

    /// <summary>Indexes of the candidates that match <paramref name="specifier"/> (original text kept by callers).</summary>
    public VersionSet Matching(Func<Pep440Version, bool> predicate) => VersionSet.Where(Count, i => predicate(Candidates[i].Version));

    /// <summary>
    /// Human-readable form of a set: "name", "name 1.0", "name 1.0, 1.1 or 2.0", "name >=1.0,<=2.0 (5 versions)".
    /// </summary>
    public string Describe(string display, VersionSet set)
    {
        if (Count == 0) return display;
        if (set.IsFull && Count > 1) return display;
        var indexes = set.Indexes().ToList();
        if (indexes.Count == 0) return $"{display} (no version)";
        if (indexes.Count == 1) return $"{display} {this[indexes[0]]}";
        if (indexes.Count <= 4)
        {
            var texts = indexes.Select(i => this[i].ToString()).Reverse().ToList();
            return $"{display} {string.Join(", ", texts.Take(texts.Count - 1))} or {texts[^1]}";
        }
        var newest = this[indexes[0]];
        var oldest = this[indexes[^1]];
        var contiguous = indexes[^1] - indexes[0] + 1 == indexes.Count;
        var range = (indexes[0] == 0, indexes[^1] == Count - 1) switch
        {
            (true, false) => $">={oldest}",
            (false, true) => $"<={newest}",
            _ => $">={oldest},<={newest}",
        };
        return contiguous ? $"{display}{range}" : $"{display}{range} ({indexes.Count} of its versions)";
    }
}
