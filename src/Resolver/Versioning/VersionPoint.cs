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
