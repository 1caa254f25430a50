namespace LlmPython.Resolver.Versioning;

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
