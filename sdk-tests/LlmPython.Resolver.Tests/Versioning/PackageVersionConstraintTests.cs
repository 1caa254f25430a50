using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Tests.Versioning;

/// <summary>The Version item metadata: bare versions, sets, empty, and the LLMPY errors.</summary>
public class PackageVersionConstraintTests
{
    [Theory]
    [InlineData("2.4.0", "==2.4.0")]
    [InlineData(" 2.4.0 ", "==2.4.0")]
    [InlineData(">=4.37,<5", "<5,>=4.37")]
    [InlineData("~=2.4", "~=2.4")]
    [InlineData("==2.*", "==2.*")]
    public void Parse_AcceptsBareVersionsAndSets(string text, string expected) =>
        Assert.Equal(expected, PackageVersionConstraint.Parse("torch", text).ToString());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_EmptyMeansAnyVersion(string? text) =>
        Assert.True(PackageVersionConstraint.Parse("torch", text).IsEmpty);

    [Fact]
    public void Parse_BareVersionMatchesLocalBuilds() =>
        Assert.True(PackageVersionConstraint.Parse("torch", "2.4.0").Contains(Pep440Version.Parse("2.4.0+cu118")));

    [Fact]
    public void Parse_Invalid_ThrowsLlmpy0100NamingThePackage()
    {
        var e = Assert.Throws<LlmPyException>(() => PackageVersionConstraint.Parse("transformers", "=>4.37"));
        Assert.Equal("LLMPY0100", e.Code);
        Assert.Equal("transformers", e.PackageName);
        Assert.Contains("transformers", e.Message);
        Assert.Contains("=>4.37", e.Message);
    }

    [Fact]
    public void Parse_Unsatisfiable_ThrowsLlmpy0102()
    {
        var e = Assert.Throws<LlmPyException>(() => PackageVersionConstraint.Parse("accelerate", ">=2,<1"));
        Assert.Equal("LLMPY0102", e.Code);
        Assert.Contains("accelerate", e.Message);
    }

    [Fact]
    public void ParseVersion_Invalid_ThrowsLlmpy0101()
    {
        Assert.Equal("2.4.0+cu118", PackageVersionConstraint.ParseVersion("torch", "2.4.0+CU118").ToString());
        var e = Assert.Throws<LlmPyException>(() => PackageVersionConstraint.ParseVersion("torch", "2.4.x"));
        Assert.Equal("LLMPY0101", e.Code);
        Assert.Contains("torch", e.Message);
    }
}
