using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Tests.Versioning;

/// <summary>Behaviour other areas rely on that the vectors do not spell out.</summary>
public class VersioningApiTests
{
    [Fact]
    public void Contains_DefaultAcceptsALonePrerelease_FalseRejectsIt()
    {
        var set = VersionSpecifierSet.Parse(">=4.37");
        var rc = Pep440Version.Parse("4.40rc1");
        Assert.True(set.Contains(rc));
        Assert.False(set.Contains(rc, allowPrereleases: false));
        Assert.False(set.NamesPrerelease);
        Assert.True(VersionSpecifierSet.Parse(">=4.40rc1").NamesPrerelease);
    }

    [Fact]
    public void Filter_DefaultDropsPrereleasesWhenAFinalMatches()
    {
        var versions = new[] { "4.36", "4.37", "4.38rc1" }.Select(Pep440Version.Parse);
        Assert.Equal(["4.37"], VersionSpecifierSet.Parse(">=4.37").Filter(versions).Select(v => v.ToString()));
    }

    [Fact]
    public void Empty_ContainsEverything()
    {
        Assert.True(VersionSpecifierSet.Empty.IsEmpty);
        Assert.Equal("", VersionSpecifierSet.Empty.ToString());
        Assert.True(VersionSpecifierSet.Empty.Contains(Pep440Version.Parse("0.dev0")));
        Assert.True(VersionSpecifierSet.Empty.IsSatisfiable());
    }

    [Fact]
    public void TryParse_RejectsNullAndGarbage()
    {
        Assert.False(VersionSpecifierSet.TryParse(null, out _));
        Assert.False(VersionSpecifierSet.TryParse(">=1,foo", out _));
        Assert.True(VersionSpecifierSet.TryParse(">=1, <2 ,", out var set));
        Assert.Equal("<2,>=1", set.ToString());
    }

    [Fact]
    public void Parse_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => VersionSpecifierSet.Parse("~=1"));

    [Fact]
    public void Version_ParseIsCachedAndCompareIsTotal()
    {
        Assert.Same(Pep440Version.Parse("1.0.post1"), Pep440Version.Parse("1.0.post1"));
        var ordered = new[] { "1.0+b", "1.0", "1.0a1", "1.0.dev0", "1.0+1", "1.0.post0" }.Select(Pep440Version.Parse).Order();
        Assert.Equal(["1.0.dev0", "1.0a1", "1.0", "1.0+b", "1.0+1", "1.0.post0"], ordered.Select(v => v.ToString()));
    }

    [Fact]
    public void Version_LargeNumbersAndEpochOverflow()
    {
        Assert.True(Pep440Version.Parse("1.99999999999999999999999") > Pep440Version.Parse("1.99999999999999999999998"));
        // Epochs are int in this API; larger ones are rejected rather than wrapped.
        Assert.False(Pep440Version.TryParse("99999999999!1.0", out _));
    }
}
