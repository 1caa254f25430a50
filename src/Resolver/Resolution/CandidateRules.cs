using System.Text;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Resolution;

/// <summary>
/// Which candidates a requirement admits (specifier, pre-release and yanked rules) and which candidates the
/// target cannot use at all (Requires-Python, wheel tags), with the words to explain each rejection.
/// </summary>
internal sealed class CandidateRules
{
    private readonly ResolutionRequest _request;

    public CandidateRules(ResolutionRequest request)
    {
        _request = request;
        TargetPython = request.TargetPython ?? TargetPythonOf(request.Environment);
    }

    public Pep440Version TargetPython { get; }

    private static Pep440Version TargetPythonOf(MarkerEnvironment environment)
    {
        var text = environment["python_full_version"] ?? environment["python_version"]
            ?? throw new ArgumentException("The marker environment has no python_full_version or python_version.");
        return Pep440Version.Parse(text);
    }

    /// <summary>PEP 592: a yanked version counts only for a requirement pinned with == (no wildcard) or ===.</summary>
    public static bool IsPin(VersionSpecifierSet specifier)
    {
        var text = specifier.ToString();
        if (text.Length == 0 || text.Contains(',')) return false;
        return text.StartsWith("===", StringComparison.Ordinal)
            || (text.StartsWith("==", StringComparison.Ordinal) && !text.Contains('*'));
    }

    /// <summary>
    /// The candidates the requirement admits. Pre-releases only when the specifier names one, when
    /// pre-releases are allowed, or when no final release matches (as pip and uv do).
    /// </summary>
    public VersionSet Matching(PackageVersions versions, Requirement requirement)
    {
        if (requirement.Url is not null) return VersionSet.Full(versions.Count);
        var specifier = requirement.Specifier;
        var pinned = IsPin(specifier);
        var matches = VersionSet.Where(versions.Count, i =>
        {
            var c = versions.Candidates[i];
            return (!c.IsYanked || pinned) && specifier.Contains(c.Version, allowPrereleases: true);
        });
        if (_request.AllowPrereleases || specifier.NamesPrerelease) return matches;
        var finals = VersionSet.Where(versions.Count, i => matches.Contains(i) && !versions[i].IsPrerelease);
        return finals.IsEmpty ? matches : finals;
    }

    public bool AcceptsTargetPython(ResolverCandidate candidate) =>
        candidate.RequiresPython is null || candidate.RequiresPython.Contains(TargetPython, allowPrereleases: true);

    public bool HasInstallableFile(ResolverCandidate candidate) =>
        candidate.HasCompatibleWheel || (_request.AllowSourceBuilds && candidate.HasSourceDistribution);

    public bool IsUsable(ResolverCandidate candidate) => AcceptsTargetPython(candidate) && HasInstallableFile(candidate);

    /// <summary>Candidates the target can never install, grouped by cause (one group per Requires-Python text).</summary>
    public IEnumerable<(IncompatibilityKind Kind, VersionSet Set, string Detail)> UnusableGroups(PackageVersions versions)
    {
        var byPython = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        var noWheel = new List<int>();
        var sdistOnly = new List<int>();
        for (var i = 0; i < versions.Count; i++)
        {
            var c = versions.Candidates[i];
            if (!AcceptsTargetPython(c))
            {
                var key = c.RequiresPython!.ToString();
                if (!byPython.TryGetValue(key, out var list)) byPython[key] = list = [];
                list.Add(i);
            }
            else if (!HasInstallableFile(c))
                (c.HasSourceDistribution ? sdistOnly : noWheel).Add(i);
        }
        foreach (var (spec, list) in byPython)
            yield return (IncompatibilityKind.RequiresPython, Set(versions, list), $"requires Python {spec} but the target Python is {TargetPython}");
        if (noWheel.Count > 0)
            yield return (IncompatibilityKind.NoCompatibleWheel, Set(versions, noWheel),
                $"has no wheel compatible with the target (Python {TargetPython}, {Platform()})");
        if (sdistOnly.Count > 0)
            yield return (IncompatibilityKind.NoCompatibleWheel, Set(versions, sdistOnly),
                $"has no wheel compatible with the target (Python {TargetPython}, {Platform()}), only a source distribution, and source builds are off (PythonAllowSourceBuilds)");
    }

    /// <summary>Every version seen and why the requirement (or the target) rejects it.</summary>
    public string DescribeRejections(PackageVersions versions, Requirement requirement)
    {
        if (!versions.Exists) return $"'{versions.Name}' does not exist on the package index";
        if (versions.Count == 0) return $"the index lists no versions of '{versions.Name}'";
        var specifier = requirement.Specifier;
        var pinned = IsPin(specifier);
        var builder = new StringBuilder($"no version of '{versions.Name}' matches {Display(requirement)}; versions seen: ");
        const int limit = 30;
        for (var i = 0; i < versions.Count && i < limit; i++)
        {
            var c = versions.Candidates[i];
            var reasons = new List<string>();
            if (!specifier.Contains(c.Version, allowPrereleases: true)) reasons.Add($"does not match '{specifier}'");
            else if (c.IsYanked && !pinned) reasons.Add("yanked" + (c.YankedReason is { Length: > 0 } r ? $" ({r})" : "") + ", allowed only when pinned with ==");
            else if (c.Version.IsPrerelease) reasons.Add("pre-release, allowed only when a specifier names one or pre-releases are enabled (PythonAllowPrereleases)");
            if (!AcceptsTargetPython(c)) reasons.Add($"requires Python {c.RequiresPython}");
            if (!HasInstallableFile(c)) reasons.Add("no compatible wheel");
            builder.Append(i == 0 ? "" : "; ").Append(c.Version).Append(" (").Append(string.Join(", ", reasons)).Append(')');
        }
        if (versions.Count > limit) builder.Append($"; and {versions.Count - limit} older versions");
        return builder.ToString();
    }

    public static string Display(Requirement requirement)
    {
        var extras = requirement.Extras.Count > 0 ? $"[{string.Join(",", requirement.Extras)}]" : "";
        return $"{requirement.NormalizedName}{extras}{requirement.Specifier}";
    }

    private string Platform() => _request.Environment["sys_platform"] is { } p
        ? $"{p} {_request.Environment["platform_machine"]}".TrimEnd()
        : "this platform";

    private static VersionSet Set(PackageVersions versions, List<int> indexes) =>
        VersionSet.Where(versions.Count, indexes.Contains);
}
