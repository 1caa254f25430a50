using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Tests.Versioning;

/// <summary>The canonicalize_version group of packaging/utils.json.</summary>
public class CanonicalizeVersionTests
{
    public static TheoryData<int, string> Cases() => PackagingVectors.Rows("utils.json", "canonicalize_version");

    [Theory]
    [MemberData(nameof(Cases))]
    public void CanonicalizeVersion_MatchesPackaging(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        Assert.Equal(row["expected"]!.GetValue<string>(), VersionCanonicalization.CanonicalizeVersion(row["version"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("1.4.0")]
    [InlineData("1.0")]
    public void CanonicalizeVersion_WithoutStripping_KeepsZeros(string version) =>
        Assert.Equal(version, VersionCanonicalization.CanonicalizeVersion(version, stripTrailingZero: false));
}
