using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Tests.Requirements;

/// <summary>PEP 503 names against utils.json (canonicalize_name, canonicalize_name_invalid, is_normalized_name).</summary>
public class PackageNameTests
{
    private static readonly System.Text.Json.JsonElement[] Canonical = PackagingVectors.Rows(PackagingVectors.Utils, "canonicalize_name");
    private static readonly System.Text.Json.JsonElement[] Invalid = PackagingVectors.Rows(PackagingVectors.Utils, "canonicalize_name_invalid");
    private static readonly System.Text.Json.JsonElement[] NormalizedRows = PackagingVectors.Rows(PackagingVectors.Utils, "is_normalized_name");

    public static TheoryData<int, string> CanonicalRows => PackagingVectors.Indexed(Canonical, r => r.GetProperty("name").GetString()!);
    public static TheoryData<int, string> InvalidRows => PackagingVectors.Indexed(Invalid, r => r.GetProperty("name").GetString()!);
    public static TheoryData<int, string> IsNormalizedRows => PackagingVectors.Indexed(NormalizedRows, r => r.GetProperty("name").GetString()!);

    [Theory]
    [MemberData(nameof(CanonicalRows))]
    public void Canonicalize_name(int index, string name)
    {
        string expected = Canonical[index].GetProperty("expected").GetString()!;
        Assert.Equal(expected, PackageName.Normalize(name));
        Assert.True(PackageName.IsValid(name));
        Assert.Equal(new PackageName(expected), PackageName.Parse(name));
    }

    [Theory]
    [MemberData(nameof(InvalidRows))]
    public void Canonicalize_name_invalid_is_rejected_by_parse_but_normalizes(int index, string name)
    {
        Assert.False(PackageName.IsValid(name));
        Assert.Throws<FormatException>(() => PackageName.Parse(name));
        Assert.False(PackageName.TryParse(name, out _));
        Assert.Equal(Invalid[index].GetProperty("expected").GetString(), PackageName.Normalize(name));
    }

    [Theory]
    [MemberData(nameof(IsNormalizedRows))]
    public void Is_normalized_name(int index, string name)
    {
        string expected = NormalizedRows[index].GetProperty("expected").GetString()!;
        Assert.True(PackageName.IsNormalized(expected));
        if (name != expected)
            Assert.False(PackageName.IsNormalized(name));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("a", true)]
    [InlineData("a-", false)]
    [InlineData("-a", false)]
    [InlineData("a b", false)]
    [InlineData("torch", true)]
    [InlineData("nvidia-cuda-runtime-cu12", true)]
    public void Validity(string name, bool valid) => Assert.Equal(valid, PackageName.IsValid(name));

    [Fact]
    public void Equality_and_ordering_are_ordinal_on_the_normalized_value()
    {
        var a = PackageName.Parse("Foo_Bar");
        var b = PackageName.Parse("foo.bar");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(PackageName.Parse("aaa").CompareTo(PackageName.Parse("b")) < 0);
        Assert.Equal("foo-bar", a.ToString());
    }
}
