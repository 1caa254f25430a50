namespace LlmPython.Resolver.Versioning;

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
