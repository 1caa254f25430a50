namespace LlmPython.Resolver.Versioning;

/// <summary>Where a <see cref="VersionPoint"/> sits relative to its version V.</summary>
internal enum VersionPointKind
{
    /// <summary>Exactly V.</summary>
    At,
    /// <summary>Above V and every V+local, below V.post0 (upper end of <c>==V</c>, <c>&lt;=V</c>).</summary>
    AfterLocals,
    /// <summary>Above V, V+local and every V.postN (lower end of <c>&gt;V</c>, PEP 440).</summary>
    AfterPosts,
}

/// <summary>
/// A point on the version line: a version, or a cut just above a version's local or post family.
/// Ordered so that ranges built from specifiers can be intersected (packaging 26.x range model).
/// </summary>
internal readonly record struct VersionPoint(Pep440Version Version, VersionPointKind Kind)
{
    /// <summary>Is <paramref name="v"/> strictly above this point?</summary>
    public bool IsBelow(Pep440Version v)
    {
        var c = Version.CompareTo(v);
        if (c >= 0) return false;
        return Kind switch
        {
            VersionPointKind.At => true,
            VersionPointKind.AfterLocals => !InLocalFamily(v),
            _ => !InPostFamily(v),
        };
    }

    /// <summary>Is <paramref name="v"/> at or below this point?</summary>
    public bool IsAtOrAbove(Pep440Version v) => !IsBelow(v);

    private bool InFamily(Pep440Version v) => Kind switch
    {
        VersionPointKind.AfterLocals => InLocalFamily(v),
        VersionPointKind.AfterPosts => InPostFamily(v),
        _ => false,
    };

    /// <summary>Same public version as V (any local label).</summary>
    private bool InLocalFamily(Pep440Version v) => Version.ComparePublic(v) == 0;

    /// <summary>V itself, V+local, or any post-release of V (and its locals).</summary>
    private bool InPostFamily(Pep440Version v) =>
        v.Epoch == Version.Epoch && v.CompareRelease(Version) == 0 && SamePre(v, Version)
        && (Nullable.Equals(v.Dev, Version.Dev) || v.Post is not null);

    internal static bool SamePre(Pep440Version a, Pep440Version b)
    {
        var pa = a.Pre; var pb = b.Pre;
        return pa is null ? pb is null : pb is not null && pa.Value.Letter == pb.Value.Letter && pa.Value.Number == pb.Value.Number;
    }

    /// <summary>Total order of points: versions compare by value; a cut compares by its version, then by kind.</summary>
    public int CompareTo(VersionPoint other)
    {
        if (Kind == VersionPointKind.At && other.Kind == VersionPointKind.At) return Version.CompareTo(other.Version);
        if (Kind != VersionPointKind.At && other.Kind != VersionPointKind.At)
        {
            // Two cuts: the one whose family swallows the other's version is higher
            // (AfterLocals(1.0.post1) < AfterPosts(1.0)).
            var c = Version.CompareTo(other.Version);
            if (c == 0) return Kind.CompareTo(other.Kind);
            if (c < 0) return InFamily(other.Version) ? 1 : -1;
            return other.InFamily(Version) ? -1 : 1;
        }
        // A cut and a version are never equal: the cut is below the version unless the version is
        // at or under the cut's version or in the family the cut lies above.
        if (Kind != VersionPointKind.At) return IsBelow(other.Version) ? -1 : 1;
        return other.IsBelow(Version) ? 1 : -1;
    }

    public bool SameAs(VersionPoint other) => Kind == other.Kind && Version == other.Version;
}

/// <summary>Lower end of a range; null point = unbounded.</summary>
internal readonly record struct LowerBound(VersionPoint? Point, bool Inclusive)
{
    public static readonly LowerBound Unbounded = new(null, false);

    public bool Admits(Pep440Version v)
    {
        if (Point is not { } p) return true;
        if (p.Kind != VersionPointKind.At) return p.IsBelow(v);
        var c = p.Version.CompareTo(v);
        return Inclusive ? c <= 0 : c < 0;
    }

    public int CompareTo(LowerBound other)
    {
        if (Point is not { } a) return other.Point is null ? 0 : -1;
        if (other.Point is not { } b) return 1;
        var c = a.CompareTo(b);
        if (c != 0 || !a.SameAs(b)) return c;
        return Inclusive == other.Inclusive ? 0 : (Inclusive ? -1 : 1);
    }
}

/// <summary>Upper end of a range; null point = unbounded.</summary>
internal readonly record struct UpperBound(VersionPoint? Point, bool Inclusive)
{
    public static readonly UpperBound Unbounded = new(null, false);

    public bool Admits(Pep440Version v)
    {
        if (Point is not { } p) return true;
        if (p.Kind != VersionPointKind.At) return p.IsAtOrAbove(v);
        var c = p.Version.CompareTo(v);
        return Inclusive ? c >= 0 : c > 0;
    }

    public int CompareTo(UpperBound other)
    {
        if (Point is not { } a) return other.Point is null ? 0 : 1;
        if (other.Point is not { } b) return -1;
        var c = a.CompareTo(b);
        if (c != 0 || !a.SameAs(b)) return c;
        return Inclusive == other.Inclusive ? 0 : (Inclusive ? 1 : -1);
    }
}

/// <summary>One contiguous range of versions.</summary>
internal readonly record struct VersionRange(LowerBound Lower, UpperBound Upper)
{
    public static readonly VersionRange Full = new(LowerBound.Unbounded, UpperBound.Unbounded);

    public bool Contains(Pep440Version v) => Lower.Admits(v) && Upper.Admits(v);

    public bool IsEmpty
    {
        get
        {
            if (Upper.Point is not { } hi) return false;
            // Nothing sorts below 0.dev0, so an unbounded lower end starts there.
            var lower = Lower.Point is null ? VersionRangeMath.Smallest : VersionRangeMath.Tighten(Lower);
            var lo = lower.Point!.Value;
            if (lo.SameAs(hi)) return !(lower.Inclusive && Upper.Inclusive);
            return lo.CompareTo(hi) > 0;
        }
    }
}

/// <summary>Operations on sorted lists of disjoint ranges.</summary>
internal static class VersionRangeMath
{
    public static readonly VersionRange[] FullList = [VersionRange.Full];

    /// <summary>0.dev0: no valid version sorts lower.</summary>
    public static readonly Pep440Version MinVersion = Pep440Version.Parse("0.dev0");
    public static readonly LowerBound Smallest = new(new VersionPoint(MinVersion, VersionPointKind.At), true);

    public static VersionRange[] Intersect(IReadOnlyList<VersionRange> left, IReadOnlyList<VersionRange> right)
    {
        var result = new List<VersionRange>();
        int i = 0, j = 0;
        while (i < left.Count && j < right.Count)
        {
            var a = left[i]; var b = right[j];
            var lower = a.Lower.CompareTo(b.Lower) >= 0 ? a.Lower : b.Lower;
            var upper = a.Upper.CompareTo(b.Upper) <= 0 ? a.Upper : b.Upper;
            var r = new VersionRange(lower, upper);
            if (!r.IsEmpty) result.Add(r);
            if (a.Upper.CompareTo(b.Upper) < 0) i++; else j++;
        }
        return result.ToArray();
    }

    public static bool Contains(IReadOnlyList<VersionRange> ranges, Pep440Version v)
    {
        foreach (var r in ranges)
        {
            if (!r.Lower.Admits(v)) return false; // sorted: later ranges start higher
            if (r.Upper.Admits(v)) return true;
        }
        return false;
    }

    /// <summary>
    /// An exclusive AfterLocals(X) lower end as the inclusive first version above it (X.dev(N+1), or
    /// X.post(N+1).dev0 / X.post0.dev0), so that e.g. (0.dev0+*, 0.dev1) is seen to be empty.
    /// </summary>
    public static LowerBound Tighten(LowerBound lower)
    {
        if (lower.Point is not { Kind: VersionPointKind.AfterLocals } p) return lower;
        var x = p.Version;
        var next = x.Dev is { } dev
            ? Pep440Version.FromParts(x.Release, x.Epoch, x.Pre, x.Post, dev + 1)
            : Pep440Version.FromParts(x.Release, x.Epoch, x.Pre, x.Post is { } post ? post + 1 : 0, 0);
        return new LowerBound(new VersionPoint(next, VersionPointKind.At), true);
    }

    /// <summary>Is every version of <paramref name="inner"/> inside one range of <paramref name="outer"/>?</summary>
    public static bool IsSubset(IReadOnlyList<VersionRange> inner, IReadOnlyList<VersionRange> outer) =>
        inner.All(r => outer.Any(o => o.Lower.CompareTo(r.Lower) <= 0 && r.Upper.CompareTo(o.Upper) <= 0));

    /// <summary>True when every range holds only pre-releases (so prereleases=False leaves nothing).</summary>
    public static bool ArePrereleaseOnly(IReadOnlyList<VersionRange> ranges)
    {
        foreach (var r in ranges)
        {
            var nearest = LowestFinalAtOrAbove(r.Lower.Point ?? Smallest.Point);
            if (nearest is null) return false;
            if (r.Upper.Point is not { } hi) return false;
            var c = new VersionPoint(nearest, VersionPointKind.At).CompareTo(hi);
            if (c < 0) return false;
            if (hi.Kind == VersionPointKind.At && c == 0 && r.Upper.Inclusive) return false;
        }
        return true;
    }

    private static Pep440Version? LowestFinalAtOrAbove(VersionPoint? point)
    {
        if (point is not { } p) return null;
        var v = p.Version;
        // The first final release at or above a pre-release: its base release (1.0a1.post0 -> 1.0).
        if (v.Pre is not null) return Pep440Version.FromParts(v.Release, v.Epoch);
        if (v.Dev is not null) return Pep440Version.FromParts(v.Release, v.Epoch, post: v.Post); // 1.0.post0.dev0 -> 1.0.post0
        if (p.Kind == VersionPointKind.At) return v;
        return Pep440Version.FromParts(v.Release, v.Epoch, post: v.Post is { } n ? n + 1 : 0);
    }
}
