namespace LlmPython.Resolver.Resolution;

/// <summary>
/// A PubGrub term: positive = "the package is selected with a version in Set"; negative = "the package is
/// not selected, or its version is outside Set".
/// </summary>
internal readonly record struct Term(bool Positive, VersionSet Set)
{
    /// <summary>The term every state satisfies (not in ∅).</summary>
    public static Term Any(int universe) => new(false, VersionSet.Empty(universe));

    public bool IsAny => !Positive && Set.IsEmpty;

    /// <summary>Positive and empty: no state satisfies it.</summary>
    public bool IsEmpty => Positive && Set.IsEmpty;

    public Term Negate() => new(!Positive, Set);

    public Term Intersect(Term other) => (Positive, other.Positive) switch
    {
        (true, true) => new(true, Set.Intersect(other.Set)),
        (true, false) => new(true, Set.Minus(other.Set)),
        (false, true) => new(true, other.Set.Minus(Set)),
        _ => new(false, Set.Union(other.Set)),
    };

    public Term Union(Term other) => Negate().Intersect(other.Negate()).Negate();

    /// <summary>Every state satisfying this term satisfies <paramref name="other"/>.</summary>
    public bool IsSubsetOf(Term other) => Intersect(other).SameAs(this);

    public bool IsDisjointWith(Term other) => Intersect(other).IsEmpty;

    public bool SameAs(Term other) => Positive == other.Positive && Set.Equals(other.Set);

    /// <summary>The versions a positive term allows (all but Set for a negative one).</summary>
    public VersionSet Allowed => Positive ? Set : Set.Complement();
}
