using System.Numerics;

namespace LlmPython.Resolver.Versioning;

/// <summary>
/// One PEP 440 clause such as <c>&gt;=4.37</c>, <c>==2.*</c>, <c>~=2.4</c> or <c>===foo</c>, with
/// pypa/packaging 26.x semantics: <c>&gt;V</c> excludes V's post and local versions, <c>&lt;V</c> excludes
/// V's pre-releases unless V is one, <c>==V</c> matches V+local, <c>===</c> compares strings ignoring case.
/// </summary>
public sealed class VersionSpecifier : IEquatable<VersionSpecifier>
{
    private static readonly string[] TwoCharOperators = ["~=", "==", "!=", "<=", ">="];

    private readonly Pep440Version? _specVersion; // null only for === with a non-PEP 440 string
    private readonly VersionRange[] _ranges;
    private readonly bool _impliesPrereleases;

    private VersionSpecifier(string op, string version, Pep440Version? specVersion, bool isWildcard)
    {
        Operator = op;
        Version = version;
        _specVersion = specVersion;
        IsWildcard = isWildcard;
        _ranges = BuildRanges();
        _impliesPrereleases = op switch
        {
            "!=" => false,
            "==" when isWildcard => false,
            _ => specVersion?.IsPrerelease ?? false,
        };
    }

    /// <summary>Parses one clause; throws <see cref="FormatException"/> on bad input.</summary>
    public static VersionSpecifier Parse(string text, bool? prereleases = null) =>
        TryParseCore(text) is { } spec
            ? spec.WithPrereleases(prereleases)
            : throw new FormatException($"Invalid specifier: '{text}' is not a PEP 440 version specifier.");

    public static bool TryParse(string? text, out VersionSpecifier specifier)
    {
        var spec = text is null ? null : TryParseCore(text);
        specifier = spec!;
        return spec is not null;
    }

    private VersionSpecifier WithPrereleases(bool? prereleases)
    {
        PrereleasesOverride = prereleases;
        return this;
    }

    /// <summary>"~=", "==", "!=", "&lt;=", "&gt;=", "&lt;", "&gt;" or "===".</summary>
    public string Operator { get; }
    /// <summary>The version text as written (stripped, not normalized), e.g. "2.1.*".</summary>
    public string Version { get; }
    /// <summary>True for <c>==V.*</c> / <c>!=V.*</c>.</summary>
    public bool IsWildcard { get; }
    /// <summary>The parsed version of the clause (without ".*"); null for <c>===</c> with a non-PEP 440 string.</summary>
    public Pep440Version? SpecVersion => _specVersion;

    /// <summary>The explicit pre-release choice given at construction or set later; null = not set.</summary>
    public bool? PrereleasesOverride { get; set; }

    /// <summary>
    /// packaging's <c>prereleases</c>: the explicit choice, else whether the clause names a pre-release
    /// (never for != or ==V.*); null for <c>===</c> with a non-PEP 440 string. Setting it sets the override.
    /// </summary>
    public bool? Prereleases
    {
        get => PrereleasesOverride ?? (Operator == "===" && _specVersion is null ? null : _impliesPrereleases);
        set => PrereleasesOverride = value;
    }

    internal bool ImpliesPrereleases => _impliesPrereleases;
    internal IReadOnlyList<VersionRange> Ranges => _ranges;

    /// <summary>Does the version match, ignoring pre-release policy?</summary>
    internal bool Matches(Pep440Version v) => VersionRangeMath.Contains(_ranges, v);

    private bool? EffectivePrereleases(bool? requested) =>
        requested ?? PrereleasesOverride ?? (_impliesPrereleases ? true : null);

    /// <summary>
    /// Is <paramref name="version"/> allowed? <paramref name="prereleases"/>: null = the clause's own choice
    /// (a single candidate pre-release is accepted unless pre-releases were turned off), true/false force it.
    /// </summary>
    public bool Contains(Pep440Version version, bool? prereleases = null) =>
        Contains(VersionCandidate.FromVersion(version), prereleases);

    public bool Contains(VersionCandidate item, bool? prereleases = null)
    {
        if (Operator == "===") return Filter([item], c => c, prereleases).Any();
        if (item.Version is not { } v) return false;
        if (EffectivePrereleases(prereleases) == false && v.IsPrerelease) return false;
        return Matches(v);
    }

    /// <summary>The items that match, order kept; see <see cref="VersionSpecifierSet.Filter{T}"/> for the policy.</summary>
    public IEnumerable<T> Filter<T>(IEnumerable<T> items, Func<T, VersionCandidate> key, bool? prereleases = null)
    {
        var pre = EffectivePrereleases(prereleases);
        if (Operator == "===")
        {
            var wanted = Version.ToLowerInvariant();
            return PrereleaseFiltering.Apply(items.Where(i => key(i).Text.ToLowerInvariant() == wanted), key, pre);
        }
        return PrereleaseFiltering.ByRanges(_ranges, items, key, pre);
    }

    public IEnumerable<Pep440Version> Filter(IEnumerable<Pep440Version> versions, bool? prereleases = null) =>
        Filter(versions, VersionCandidate.FromVersion, prereleases);

    public IEnumerable<string> Filter(IEnumerable<string> versions, bool? prereleases = null) =>
        Filter(versions, VersionCandidate.FromString, prereleases);

    public override string ToString() => Operator + Version;

    /// <summary>(operator, canonical version) — what equality and hashing compare; pre-release choice ignored.</summary>
    private (string, string) CanonicalSpec =>
        Operator == "===" || IsWildcard
            ? (Operator, Version)
            : (Operator, VersionCanonicalization.CanonicalizeVersion(_specVersion!, stripTrailingZero: Operator != "~="));

    public bool Equals(VersionSpecifier? other) => other is not null && CanonicalSpec == other.CanonicalSpec;
    public override bool Equals(object? obj) => obj is VersionSpecifier s && Equals(s);
    public override int GetHashCode() => CanonicalSpec.GetHashCode();

    private static VersionSpecifier? TryParseCore(string text)
    {
        var s = Pep440VersionParser.TrimPythonWhitespace(text);
        string op;
        if (s.StartsWith("===", StringComparison.Ordinal)) op = "===";
        else if (s.Length >= 2 && TwoCharOperators.Contains(s[..2])) op = s[..2];
        else if (s.Length >= 1 && s[0] is '<' or '>') op = s[..1];
        else return null;

        var version = TrimStartPythonWhitespace(s[op.Length..]);
        foreach (var c in version)
            if (Pep440VersionParser.IsPythonWhitespace(c) || (op == "===" && c is ';' or ')')) return null;

        if (op == "===")
        {
            Pep440Version.TryParse(version, out var arbitrary);
            return new VersionSpecifier(op, version, arbitrary, isWildcard: false);
        }
        if (version.Length == 0) return null;

        if (op is "==" or "!=" && version.EndsWith(".*", StringComparison.Ordinal))
        {
            var prefix = version[..^2];
            if (!IsReleaseOnly(prefix) || !Pep440Version.TryParse(prefix, out var baseVersion)) return null;
            return new VersionSpecifier(op, version, baseVersion, isWildcard: true);
        }

        if (!Pep440Version.TryParse(version, out var v)) return null;
        if (op is not ("==" or "!=") && v.HasLocal) return null;
        if (op == "~=" && v.Release.Count < 2) return null;
        return new VersionSpecifier(op, version, v, isWildcard: false);
    }

    /// <summary><c>v?(N!)?N(.N)*</c>: what may precede ".*".</summary>
    private static bool IsReleaseOnly(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] is 'v' or 'V') i++;
        var expectDigit = true;
        var sawBang = false;
        var sawDigit = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9') { expectDigit = false; sawDigit = true; continue; }
            if (expectDigit) return false;
            if (c == '.') { expectDigit = true; continue; }
            if (c == '!' && !sawBang && !s[..i].Contains('.')) { sawBang = true; expectDigit = true; continue; }
            return false;
        }
        return sawDigit && !expectDigit;
    }

    private static string TrimStartPythonWhitespace(string s)
    {
        var i = 0;
        while (i < s.Length && Pep440VersionParser.IsPythonWhitespace(s[i])) i++;
        return i == 0 ? s : s[i..];
    }

    private VersionRange[] BuildRanges()
    {
        if (Operator == "===") return VersionRangeMath.FullList;
        var v = _specVersion!;
        if (IsWildcard)
        {
            var lower = Pep440Version.FromParts(v.Release, v.Epoch, dev: 0);
            var upper = NextPrefixDev0(v.Epoch, v.Release);
            return Operator == "=="
                ? [new VersionRange(Incl(lower), Excl(upper))]
                : [new VersionRange(LowerBound.Unbounded, Excl(upper: lower)), new VersionRange(Incl(upper), UpperBound.Unbounded)];
        }
        switch (Operator)
        {
            case ">=":
                return [new VersionRange(Incl(v), UpperBound.Unbounded)];
            case "<=":
                return [new VersionRange(LowerBound.Unbounded, new UpperBound(new VersionPoint(v, VersionPointKind.AfterLocals), true))];
            case ">":
                if (v.Dev is { } dev)
                    return [new VersionRange(Incl(Pep440Version.FromParts(v.Release, v.Epoch, v.Pre, v.Post, dev + 1)), UpperBound.Unbounded)];
                if (v.Post is { } post)
                    return [new VersionRange(Incl(Pep440Version.FromParts(v.Release, v.Epoch, v.Pre, post + 1, 0)), UpperBound.Unbounded)];
                if (v.Pre is { } pre)
                {
                    // Nothing sorts between 1.0a1's post family and 1.0a2.dev0: start there, so that
                    // ranges such as >1.0a1,<1.0a2.dev0 are seen to be empty.
                    var next = Pep440Version.FromParts(v.Release, v.Epoch, (pre.Letter, pre.Number + 1), dev: 0);
                    return [new VersionRange(Incl(next), UpperBound.Unbounded)];
                }
                return [new VersionRange(new LowerBound(new VersionPoint(v, VersionPointKind.AfterPosts), false), UpperBound.Unbounded)];
            case "<":
                {
                    // <V leaves out V's own pre-releases (V.dev0 is the first) unless V is a pre-release.
                    var bound = v.IsPrerelease ? v : Pep440Version.FromParts(v.Release, v.Epoch, v.Pre, v.Post, 0);
                    if (bound <= VersionRangeMath.MinVersion) return [];
                    return [new VersionRange(LowerBound.Unbounded, Excl(bound))];
                }
            case "~=":
                {
                    var prefix = v.Release.Take(v.Release.Count - 1).ToArray();
                    return [new VersionRange(Incl(v), Excl(NextPrefixDev0(v.Epoch, prefix)))];
                }
        }
        // == and !=: without a local label in the clause, V's local versions match too.
        var top = v.HasLocal ? new VersionPoint(v, VersionPointKind.At) : new VersionPoint(v, VersionPointKind.AfterLocals);
        if (Operator == "==")
            return [new VersionRange(Incl(v), new UpperBound(top, true))];
        return [new VersionRange(LowerBound.Unbounded, Excl(v)), new VersionRange(new LowerBound(top, false), UpperBound.Unbounded)];
    }

    private static Pep440Version NextPrefixDev0(int epoch, IReadOnlyList<BigInteger> release)
    {
        var next = release.ToArray();
        next[^1] += 1;
        return Pep440Version.FromParts(next, epoch, dev: 0);
    }

    private static LowerBound Incl(Pep440Version v) => new(new VersionPoint(v, VersionPointKind.At), true);
    private static UpperBound Excl(Pep440Version upper) => new(new VersionPoint(upper, VersionPointKind.At), false);
}
