namespace LlmPython.Resolver.Versioning;

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
