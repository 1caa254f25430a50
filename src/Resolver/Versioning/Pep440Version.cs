using System.Collections.Concurrent;
using System.Numerics;
using System.Text;

namespace LlmPython.Resolver.Versioning;

/// <summary>
/// A PEP 440 version: epoch, release, pre/post/dev, local label. Immutable; parsing and ordering follow
/// pypa/packaging 26.x. Comparison uses fields precomputed at parse time (no strings, no regex).
/// </summary>
public sealed class Pep440Version : IComparable<Pep440Version>, IEquatable<Pep440Version>
{
    // Pre-release kinds in sort order; DevOnly sorts before any pre-release of the same release
    // (1.0.dev0 < 1.0a0), None after all of them.
    internal const int PreDevOnly = -1, PreAlpha = 0, PreBeta = 1, PreRc = 2, PreNone = 3;
    private static readonly string[] PreLetters = ["a", "b", "rc"];

    // Parsing is the hot path of index scans: the same strings are parsed again and again.
    private static readonly ConcurrentDictionary<string, Pep440Version> ParseCache = new(StringComparer.Ordinal);
    private const int ParseCacheLimit = 200_000;
    private static int _parseCacheCount; // ConcurrentDictionary.Count takes every lock: far too slow here

    private readonly BigInteger[] _release;
    private readonly int _releaseSignificant; // release length without trailing zeros (1.0.0 == 1)
    private readonly int _preKind;
    private readonly BigInteger _preNumber;
    private readonly BigInteger? _post;
    private readonly BigInteger? _dev;
    private readonly LocalSegment[]? _local;
    private readonly int _hash;
    private string? _text;

    private Pep440Version(int epoch, BigInteger[] release, int preKind, BigInteger preNumber,
        BigInteger? post, BigInteger? dev, LocalSegment[]? local)
    {
        if (release.Length == 0) throw new ArgumentException("A version needs at least one release number.", nameof(release));
        Epoch = epoch;
        _release = release;
        var significant = release.Length;
        while (significant > 0 && release[significant - 1].IsZero) significant--;
        _releaseSignificant = significant;
        _post = post;
        _dev = dev;
        _preKind = preKind == PreNone && post is null && dev is not null ? PreDevOnly : preKind;
        _preNumber = preKind is PreAlpha or PreBeta or PreRc ? preNumber : BigInteger.Zero;
        _local = local is { Length: > 0 } ? local : null;
        _hash = ComputeHash();
    }

    /// <summary>Parses a version in any PEP 440 spelling; throws <see cref="FormatException"/> when invalid.</summary>
    public static Pep440Version Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (ParseCache.TryGetValue(text, out var cached)) return cached;
        var parsed = Pep440VersionParser.TryParse(text) ?? throw new FormatException($"Invalid version: '{text}' is not a PEP 440 version.");
        Remember(text, parsed);
        return parsed;
    }

    public static bool TryParse(string? text, out Pep440Version version)
    {
        if (text is null) { version = null!; return false; }
        if (ParseCache.TryGetValue(text, out var cached)) { version = cached; return true; }
        var parsed = Pep440VersionParser.TryParse(text);
        if (parsed is null) { version = null!; return false; }
        Remember(text, parsed);
        version = parsed;
        return true;
    }

    private static void Remember(string text, Pep440Version parsed)
    {
        if (Volatile.Read(ref _parseCacheCount) < ParseCacheLimit && ParseCache.TryAdd(text, parsed))
            Interlocked.Increment(ref _parseCacheCount);
    }

    /// <summary>Builds a version from its parts (packaging's <c>Version.from_parts</c>).</summary>
    /// <param name="pre">letter (a/alpha, b/beta, c/rc/pre/preview, any case) and number, or null.</param>
    /// <param name="local">local label such as <c>cu118</c> (separators '-', '_', '.'), or null.</param>
    public static Pep440Version FromParts(IEnumerable<BigInteger> release, int epoch = 0,
        (string Letter, BigInteger Number)? pre = null, BigInteger? post = null, BigInteger? dev = null, string? local = null)
    {
        var releaseArray = release.ToArray();
        if (releaseArray.Length == 0 || releaseArray.Any(r => r.Sign < 0)) throw new FormatException("A version's release needs one or more non-negative numbers.");
        if (epoch < 0 || post < 0 || dev < 0 || pre?.Number < 0) throw new FormatException("Version numbers cannot be negative.");
        var preKind = PreNone;
        if (pre is { } p)
            preKind = Pep440VersionParser.PreKindOf(p.Letter.ToLowerInvariant()) ?? throw new FormatException($"Invalid pre-release letter '{p.Letter}'.");
        LocalSegment[]? localSegments = null;
        if (local is not null)
            localSegments = Pep440VersionParser.ParseLocal(local, 0, local.Length) ?? throw new FormatException($"Invalid local version label '{local}'.");
        return new Pep440Version(epoch, releaseArray, preKind, pre?.Number ?? 0, post, dev, localSegments);
    }

    internal static Pep440Version Create(int epoch, BigInteger[] release, int preKind, BigInteger preNumber,
        BigInteger? post, BigInteger? dev, LocalSegment[]? local) => new(epoch, release, preKind, preNumber, post, dev, local);

    public int Epoch { get; }
    public IReadOnlyList<BigInteger> Release => _release;
    /// <summary>First release number (packaging's <c>major</c>).</summary>
    public BigInteger Major => _release[0];
    /// <summary>Second release number, 0 when absent.</summary>
    public BigInteger Minor => _release.Length > 1 ? _release[1] : BigInteger.Zero;
    /// <summary>Third release number, 0 when absent.</summary>
    public BigInteger Micro => _release.Length > 2 ? _release[2] : BigInteger.Zero;

    /// <summary>The normalized pre-release letter ("a", "b", "rc") and number, or null.</summary>
    public (string Letter, BigInteger Number)? Pre =>
        _preKind is PreAlpha or PreBeta or PreRc ? (PreLetters[_preKind], _preNumber) : null;
    public BigInteger? Post => _post;
    public BigInteger? Dev => _dev;

    public bool IsPrerelease => _dev is not null || _preKind is PreAlpha or PreBeta or PreRc;
    public bool IsPostrelease => _post is not null;
    public bool IsDevrelease => _dev is not null;

    /// <summary>The local label, normalized ("cu118"), or null.</summary>
    public string? Local => _local is null ? null : string.Join('.', _local.Select(s => s.ToString()));
    public bool HasLocal => _local is not null;
    internal IReadOnlyList<LocalSegment>? LocalSegments => _local;
    internal int PreKind => _preKind;
    internal BigInteger PreNumber => _preNumber;

    /// <summary>This version without its local label.</summary>
    public Pep440Version Public => _local is null ? this : new Pep440Version(Epoch, _release, _preKind == PreDevOnly ? PreNone : _preKind, _preNumber, _post, _dev, null);

    /// <summary>Epoch and release only ("1!2.0" of "1!2.0rc1.post2+x"), packaging's <c>base_version</c>.</summary>
    public Pep440Version BaseVersion => _local is null && _post is null && _dev is null && _preKind == PreNone
        ? this
        : new Pep440Version(Epoch, _release, PreNone, 0, null, null, null);

    /// <summary>The release numbers without trailing zeros (what comparison sees).</summary>
    internal ReadOnlySpan<BigInteger> SignificantRelease => _release.AsSpan(0, _releaseSignificant);

    public int CompareTo(Pep440Version? other)
    {
        if (other is null) return 1;
        if (ReferenceEquals(this, other)) return 0;
        var c = ComparePublic(other);
        return c != 0 ? c : CompareLocal(_local, other._local);
    }

    /// <summary>Compares ignoring local labels (1.0+a vs 1.0 → 0).</summary>
    internal int ComparePublic(Pep440Version other)
    {
        if (Epoch != other.Epoch) return Epoch < other.Epoch ? -1 : 1;
        var c = CompareRelease(other);
        if (c != 0) return c;
        if (_preKind != other._preKind) return _preKind < other._preKind ? -1 : 1;
        c = _preNumber.CompareTo(other._preNumber);
        if (c != 0) return c;
        // No post-release sorts first; no dev-release sorts last.
        c = CompareOptional(_post, other._post, missingIsLow: true);
        if (c != 0) return c;
        return CompareOptional(_dev, other._dev, missingIsLow: false);
    }

    /// <summary>Compares epoch and significant release numbers only.</summary>
    internal int CompareRelease(Pep440Version other)
    {
        var a = _release; var b = other._release;
        var n = Math.Max(_releaseSignificant, other._releaseSignificant);
        for (var i = 0; i < n; i++)
        {
            var x = i < a.Length ? a[i] : BigInteger.Zero;
            var y = i < b.Length ? b[i] : BigInteger.Zero;
            var c = x.CompareTo(y);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int CompareOptional(BigInteger? a, BigInteger? b, bool missingIsLow)
    {
        if (a is null) return b is null ? 0 : (missingIsLow ? -1 : 1);
        if (b is null) return missingIsLow ? 1 : -1;
        return a.Value.CompareTo(b.Value);
    }

    private static int CompareLocal(LocalSegment[]? a, LocalSegment[]? b)
    {
        if (a is null) return b is null ? 0 : -1;
        if (b is null) return 1;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }
        return a.Length.CompareTo(b.Length);
    }

    public bool Equals(Pep440Version? other) => other is not null && _hash == other._hash && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is Pep440Version v && Equals(v);
    public override int GetHashCode() => _hash;

    private int ComputeHash()
    {
        var h = new HashCode();
        h.Add(Epoch);
        for (var i = 0; i < _releaseSignificant; i++) h.Add(_release[i]);
        h.Add(_preKind); h.Add(_preNumber); h.Add(_post); h.Add(_dev);
        if (_local is not null) foreach (var s in _local) h.Add(s);
        return h.ToHashCode();
    }

    /// <summary>The normalized form.</summary>
    public override string ToString() => _text ??= Format();

    private string Format()
    {
        var sb = new StringBuilder();
        if (Epoch != 0) sb.Append(Epoch).Append('!');
        for (var i = 0; i < _release.Length; i++)
        {
            if (i > 0) sb.Append('.');
            sb.Append(_release[i]);
        }
        if (_preKind is PreAlpha or PreBeta or PreRc) sb.Append(PreLetters[_preKind]).Append(_preNumber);
        if (_post is { } post) sb.Append(".post").Append(post);
        if (_dev is { } dev) sb.Append(".dev").Append(dev);
        if (_local is not null) sb.Append('+').Append(Local);
        return sb.ToString();
    }

    public static bool operator <(Pep440Version a, Pep440Version b) => a.CompareTo(b) < 0;
    public static bool operator >(Pep440Version a, Pep440Version b) => a.CompareTo(b) > 0;
    public static bool operator <=(Pep440Version a, Pep440Version b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Pep440Version a, Pep440Version b) => a.CompareTo(b) >= 0;
    public static bool operator ==(Pep440Version? a, Pep440Version? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Pep440Version? a, Pep440Version? b) => !(a == b);
}
