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
    /// The candidates the requirement admits. Pre-releases (as uv): when the requirement names one, when
    /// pre-releases are allowed, when a top-level requirement or constraint on the package names one, or
    /// when the package has nothing but pre-releases. Yanked (PEP 592): when this requirement or a top-level
    /// one pins that version with == or ===.
    /// </summary>
    public VersionSet Matching(PackageVersions versions, Requirement requirement)
    {
        if (requirement.Url is not null) return VersionSet.Full(versions.Count);
        var specifier = requirement.Specifier;
        var pinned = IsPin(specifier);
        var policy = PolicyFor(versions);
        var prereleases = _request.AllowPrereleases || specifier.NamesPrerelease || policy.Prereleases;
        return VersionSet.Where(versions.Count, i =>
        {
            var c = versions.Candidates[i];
            return (!c.IsYanked || pinned || policy.PinnedYanked.Contains(i))
                && (prereleases || !c.Version.IsPrerelease)
                && specifier.Contains(c.Version, allowPrereleases: true);
        });
    }

    private readonly Dictionary<PackageName, (bool Prereleases, HashSet<int> PinnedYanked)> _policies = [];

    /// <summary>What the top-level requirements and constraints opt into for one package.</summary>
    private (bool Prereleases, HashSet<int> PinnedYanked) PolicyFor(PackageVersions versions)
    {
        if (_policies.TryGetValue(versions.Name, out var policy)) return policy;
        var explicitRequirements = _request.Roots.Select(r => r.Requirement).Concat(_request.Constraints)
            .Where(r => r.NormalizedName == versions.Name).ToList();
        var prereleases = explicitRequirements.Any(r => r.Specifier.NamesPrerelease)
            || (versions.Count > 0 && versions.Candidates.All(c => c.Version.IsPrerelease));
        var pinnedYanked = new HashSet<int>();
        for (var i = 0; i < versions.Count; i++)
            if (versions.Candidates[i].IsYanked && explicitRequirements.Any(r => IsPin(r.Specifier) && r.Specifier.Contains(versions[i], allowPrereleases: true)))
                pinnedYanked.Add(i);
        return _policies[versions.Name] = (prereleases, pinnedYanked);
    }

    public bool AcceptsTargetPython(ResolverCandidate candidate) =>
        candidate.RequiresPython is null || candidate.RequiresPython.Contains(TargetPython, allowPrereleases: true);

    public bool HasInstallableFile(PackageName name, ResolverCandidate candidate) =>
        candidate.HasCompatibleWheel || (candidate.HasSourceDistribution && MayBuild(name));

    /// <summary>Source builds allowed for all (PythonAllowSourceBuilds) or for this package (AllowSourceBuild / PythonSourceBuildPackages).</summary>
    public bool MayBuild(PackageName name) => _request.AllowSourceBuilds || _request.SourceBuildPackages.Contains(name);

    public bool IsUsable(PackageName name, ResolverCandidate candidate) => AcceptsTargetPython(candidate) && HasInstallableFile(name, candidate);

    /// <summary>Candidates the target can never install, grouped by cause (one group per Requires-Python text).</summary>
    public IEnumerable<(IncompatibilityKind Kind, VersionSet Set, string Detail)> UnusableGroups(PackageVersions versions)
    {
        var byPython = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        var noWheel = new List<int>();
        var sdistOnly = new List<int>();
        var byVariant = new List<(int Index, string Detail)>();
        for (var i = 0; i < versions.Count; i++)
        {
            var c = versions.Candidates[i];
            if (!AcceptsTargetPython(c))
            {
                var key = c.RequiresPython!.ToString();
                if (!byPython.TryGetValue(key, out var list)) byPython[key] = list = [];
                list.Add(i);
            }
            else if (!HasInstallableFile(versions.Name, c))
            {
                if (c.RejectedFiles.Count > 0)
                    byVariant.Add((i, $"has no wheel built for this environment ({RejectionText(c)})"));
                else (c.HasSourceDistribution ? sdistOnly : noWheel).Add(i);
            }
        }
        foreach (var (i, detail) in byVariant)
            yield return (IncompatibilityKind.NoCompatibleWheel, VersionSet.Single(versions.Count, i), detail);
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
            else if (c.IsYanked && !pinned && !PolicyFor(versions).PinnedYanked.Contains(i)) reasons.Add("yanked" + (c.YankedReason is { Length: > 0 } r ? $" ({r})" : "") + ", allowed only when pinned with ==");
            else if (c.Version.IsPrerelease && !_request.AllowPrereleases && !specifier.NamesPrerelease && !PolicyFor(versions).Prereleases) reasons.Add("pre-release, allowed only when a specifier names one, a top-level requirement opts in, or PythonAllowPrereleases is set");
            if (!AcceptsTargetPython(c)) reasons.Add($"requires Python {c.RequiresPython}");
            if (!HasInstallableFile(versions.Name, c)) reasons.Add(c.RejectedFiles.Count > 0 ? $"no wheel built for this environment: {RejectionText(c)}" : "no compatible wheel");
            builder.Append(i == 0 ? "" : "; ").Append(c.Version).Append(" (").Append(string.Join(", ", reasons)).Append(')');
        }
        if (versions.Count > limit) builder.Append($"; and {versions.Count - limit} older versions");
        return builder.ToString();
    }

    /// <summary>The files a build-variant label ruled out, grouped by the part that did not match: "reason: file, file".</summary>
    public static string RejectionText(ResolverCandidate candidate) => string.Join("; ",
        candidate.RejectedFiles.GroupBy(r => r.Reason).Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => r.File))}"));

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
