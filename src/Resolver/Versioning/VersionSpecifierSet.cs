namespace LlmPython.Resolver.Versioning;

/// <summary>
/// A PEP 440 specifier set such as <c>&gt;=4.37,&lt;5</c>; empty = any version. Semantics of
/// pypa/packaging 26.x <c>SpecifierSet</c>: contains, filter, pre-release policy, satisfiability.
/// </summary>
public sealed class VersionSpecifierSet : IEquatable<VersionSpecifierSet>
{
    private readonly VersionSpecifier[] _specs;
    private readonly bool _hasArbitrary;
    private VersionRange[]? _ranges;
    private VersionSpecifier[]? _canonical;

    private VersionSpecifierSet(VersionSpecifier[] specs, bool? prereleases)
    {
        _specs = specs;
        _hasArbitrary = specs.Any(s => s.Operator == "===");
        PrereleasesOverride = prereleases;
    }

    public static VersionSpecifierSet Empty => new([], null);

    /// <summary>Parses a comma-separated set; throws <see cref="FormatException"/> on bad input.</summary>
    public static VersionSpecifierSet Parse(string text) => Parse(text, null);

    /// <summary>Parses with an explicit pre-release choice (packaging's <c>prereleases=</c>).</summary>
    public static VersionSpecifierSet Parse(string text, bool? prereleases)
    {
        ArgumentNullException.ThrowIfNull(text);
        var specs = new List<VersionSpecifier>();
        foreach (var part in text.Split(','))
        {
            var clause = Pep440VersionParser.TrimPythonWhitespace(part);
            if (clause.Length == 0) continue;
            if (!VersionSpecifier.TryParse(clause, out var spec))
                throw new FormatException($"Invalid specifier: '{clause}' in '{text}' is not a PEP 440 version specifier.");
            specs.Add(spec);
        }
        return new VersionSpecifierSet(specs.ToArray(), prereleases);
    }

    public static bool TryParse(string? text, out VersionSpecifierSet set)
    {
        set = null!;
        if (text is null) return false;
        try { set = Parse(text); return true; }
        catch (FormatException) { return false; }
    }

    /// <summary>A set made of the given clauses (kept as they are).</summary>
    public static VersionSpecifierSet FromSpecifiers(IEnumerable<VersionSpecifier> specifiers, bool? prereleases = null) =>
        new(specifiers.ToArray(), prereleases);

    public bool IsEmpty => _specs.Length == 0;
    /// <summary>The clauses in the order written.</summary>
    public IReadOnlyList<VersionSpecifier> Specifiers => _specs;
    public int Count => _specs.Length;

    /// <summary>True when a clause names a pre-release (then pre-releases are allowed).</summary>
    public bool NamesPrerelease => _specs.Any(s => s.ImpliesPrereleases);

    /// <summary>The explicit pre-release choice given at construction or set later; null = not set.</summary>
    public bool? PrereleasesOverride { get; set; }

    /// <summary>
    /// packaging's <c>prereleases</c>: the explicit choice, else true when a clause allows pre-releases,
    /// else null (decide per candidate list). Setting it sets the override.
    /// </summary>
    public bool? Prereleases
    {
        get
        {
            if (PrereleasesOverride is not null) return PrereleasesOverride;
            if (_specs.Length == 0) return null;
            return _specs.Any(s => s.Prereleases == true) ? true : null;
        }
        set => PrereleasesOverride = value;
    }

    private VersionRange[] Ranges
    {
        get
        {
            if (_ranges is not null) return _ranges;
            IReadOnlyList<VersionRange> result = VersionRangeMath.FullList;
            foreach (var s in _specs)
            {
                result = VersionRangeMath.Intersect(result, s.Ranges);
                if (result.Count == 0) break;
            }
            return _ranges = result.ToArray();
        }
    }

    /// <summary>
    /// Does <paramref name="version"/> satisfy every clause? <paramref name="allowPrereleases"/>:
    /// null = PEP 440 default (a lone candidate pre-release is accepted unless the set turned them off),
    /// true/false force it.
    /// </summary>
    public bool Contains(Pep440Version version, bool? allowPrereleases = null) =>
        Contains(VersionCandidate.FromVersion(version), allowPrereleases);

    /// <param name="installed">true: an installed pre-release is accepted whatever the policy.</param>
    public bool Contains(VersionCandidate item, bool? prereleases = null, bool? installed = null)
    {
        var v = item.Version;
        if (v is not null && installed == true && v.IsPrerelease) prereleases = true;
        var pre = prereleases ?? Prereleases;
        if (pre == false && v is { IsPrerelease: true }) return false;
        if (_specs.Length == 0) return true;
        if (_hasArbitrary) return _specs.All(s => s.Contains(item, prereleases: true));
        return v is not null && VersionRangeMath.Contains(Ranges, v);
    }

    /// <summary>
    /// The items that satisfy the set, order kept. <paramref name="prereleases"/> null = the set's choice,
    /// and when that is null too the PEP 440 default: pre-releases only if no final release matched.
    /// Strings that are not PEP 440 pass only <c>===</c> (or an empty set).
    /// </summary>
    public IEnumerable<T> Filter<T>(IEnumerable<T> items, Func<T, VersionCandidate> key, bool? prereleases = null)
    {
        var pre = prereleases ?? Prereleases;
        if (_specs.Length == 0) return PrereleaseFiltering.Apply(items, key, pre);
        if (_hasArbitrary)
            return PrereleaseFiltering.Apply(items.Where(i => _specs.All(s => s.Contains(key(i), prereleases: true))), key, pre);
        return PrereleaseFiltering.ByRanges(Ranges, items, key, pre);
    }

    public IEnumerable<Pep440Version> Filter(IEnumerable<Pep440Version> versions, bool? prereleases = null) =>
        Filter(versions, VersionCandidate.FromVersion, prereleases);

    public IEnumerable<string> Filter(IEnumerable<string> versions, bool? prereleases = null) =>
        Filter(versions, VersionCandidate.FromString, prereleases);

    /// <summary>Can some version satisfy every clause (under the set's pre-release choice)?</summary>
    public bool IsSatisfiable() => !IsUnsatisfiable();

    /// <summary>packaging's <c>is_unsatisfiable</c>.</summary>
    public bool IsUnsatisfiable()
    {
        if (_specs.Length == 0) return false;
        var ranges = Ranges;
        if (ranges.Length == 0) return true;
        if (ArbitraryUnsatisfiable()) return true;
        return Prereleases == false && VersionRangeMath.ArePrereleaseOnly(ranges);
    }

    private bool ArbitraryUnsatisfiable()
    {
        var arbitrary = _specs.Where(s => s.Operator == "===").ToArray();
        if (arbitrary.Length == 0) return false;
        // === matches one string only (ignoring case): all === clauses must name it, all others admit it.
        var first = arbitrary[0].Version.ToLowerInvariant();
        if (arbitrary.Skip(1).Any(s => s.Version.ToLowerInvariant() != first)) return true;
        Pep440Version.TryParse(arbitrary[0].Version, out var candidate);
        if (Prereleases == false && candidate is { IsPrerelease: true }) return true;
        var standard = _specs.Where(s => s.Operator != "===").ToArray();
        if (standard.Length == 0) return false;
        if (candidate is null) return true;
        return !standard.All(s => s.Contains(candidate));
    }

    /// <summary>Both sets at once (packaging's <c>&amp;</c>); explicit pre-release choices must agree.</summary>
    public VersionSpecifierSet Intersect(VersionSpecifierSet other)
    {
        bool? pre;
        if (PrereleasesOverride is null || PrereleasesOverride == other.PrereleasesOverride) pre = other.PrereleasesOverride;
        else if (other.PrereleasesOverride is null) pre = PrereleasesOverride;
        else throw new InvalidOperationException($"Cannot combine '{this}' and '{other}': one allows pre-releases and the other forbids them.");
        return new VersionSpecifierSet([.. _specs, .. other._specs], pre);
    }

    /// <summary>Is every version this set admits also admitted by <paramref name="other"/>?</summary>
    public bool IsSubsetOf(VersionSpecifierSet other)
    {
        CheckRelationOperands(other);
        return VersionRangeMath.IsSubset(Ranges, other.Ranges);
    }

    public bool IsSupersetOf(VersionSpecifierSet other) => other.IsSubsetOf(this);

    /// <summary>True when no version satisfies both sets.</summary>
    public bool IsDisjointWith(VersionSpecifierSet other)
    {
        CheckRelationOperands(other);
        return VersionRangeMath.Intersect(Ranges, other.Ranges).Length == 0;
    }

    private void CheckRelationOperands(VersionSpecifierSet other)
    {
        if (_hasArbitrary || other._hasArbitrary)
            throw new ArgumentException($"Set relations are not defined for '===' (arbitrary equality): '{this}' vs '{other}'.");
        if (PrereleasesOverride is { } a && other.PrereleasesOverride is { } b && a != b)
            throw new ArgumentException($"Cannot relate '{this}' and '{other}': one allows pre-releases and the other forbids them.");
    }

    /// <summary>Clauses sorted by text, duplicates (by canonical meaning) removed.</summary>
    private VersionSpecifier[] Canonical
    {
        get
        {
            if (_canonical is not null) return _canonical;
            var result = new List<VersionSpecifier>();
            foreach (var s in _specs.OrderBy(s => s.ToString(), StringComparer.Ordinal))
                if (!result.Contains(s)) result.Add(s);
            return _canonical = result.ToArray();
        }
    }

    /// <summary>The normalized text, clauses sorted, comma-separated.</summary>
    public override string ToString() => string.Join(',', Canonical.Select(s => s.ToString()));

    public bool Equals(VersionSpecifierSet? other) => other is not null && Canonical.SequenceEqual(other.Canonical);
    public override bool Equals(object? obj) => obj is VersionSpecifierSet s && Equals(s);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var s in Canonical) h.Add(s);
        return h.ToHashCode();
    }
}
