using LlmPython.Resolver.Resolution;

namespace LlmPython.Resolver.Tests.Resolution;

public class VersionSetTests
{
    [Fact]
    public void SetAlgebraAcrossWordBoundaries()
    {
        var evens = VersionSet.Where(130, i => i % 2 == 0);
        var high = VersionSet.Where(130, i => i >= 64);
        Assert.Equal(65, evens.Count);
        Assert.Equal(130, evens.Union(evens.Complement()).Count);
        Assert.True(evens.Complement().Complement().Equals(evens));
        Assert.Equal(33, evens.Intersect(high).Count);
        Assert.Equal(64, evens.Intersect(high).First());
        Assert.True(VersionSet.Full(130).IsFull);
        Assert.Equal(0, VersionSet.Full(130).Complement().Count);
        Assert.True(evens.Intersect(high).IsSubsetOf(high));
        Assert.False(high.IsSubsetOf(evens));
    }

    [Fact]
    public void TermsFollowPubGrubAlgebra()
    {
        var a = new Term(true, VersionSet.Where(4, i => i < 2));
        var notB = new Term(false, VersionSet.Where(4, i => i == 1));
        Assert.True(a.Intersect(notB).SameAs(new Term(true, VersionSet.Single(4, 0))));
        Assert.True(notB.Intersect(notB.Negate()).IsEmpty);
        Assert.True(Term.Any(4).IsAny);
        Assert.True(a.IsSubsetOf(Term.Any(4)));
        Assert.False(Term.Any(4).IsSubsetOf(a));
        Assert.True(a.Union(notB).SameAs(Term.Any(4)));
        // "not in {}" is satisfied by an absent package: never disjoint from another negative term.
        Assert.False(Term.Any(4).IsDisjointWith(notB));
    }
}
