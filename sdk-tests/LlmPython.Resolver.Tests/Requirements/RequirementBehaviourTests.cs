using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Tests.Requirements;

/// <summary>Real-world requirement shapes beyond the vectors (old parenthesised specifiers, index quirks).</summary>
public class RequirementBehaviourTests
{
    [Theory]
    [InlineData("botocore (<2.0.0,>=1.5.40)", "botocore<2.0.0,>=1.5.40")]
    [InlineData("Django (>=1.11) ; python_version >= \"3\"", "Django>=1.11; python_version >= \"3\"")]
    [InlineData("name>=1,", "name>=1")]
    [InlineData("torch==2.3.1+cu121", "torch==2.3.1+cu121")]
    [InlineData("requests [ Socks , security ] >= 2.0", "requests[Socks,security]>=2.0")]
    [InlineData("pkg @ https://example.com/pkg-1.0-py3-none-any.whl ; extra == 'A_B'", "pkg @ https://example.com/pkg-1.0-py3-none-any.whl ; extra == \"a-b\"")]
    public void Parses_and_prints_as_packaging(string text, string expected) =>
        Assert.Equal(expected, Requirement.Parse(text).ToString());

    [Theory]
    [InlineData("setuptools (>=18.5decorator)")] // a broken dependency in the resolvelib cheroot index
    [InlineData("name>=1.0 extra")]
    [InlineData("name[a b]")]
    public void Rejects_malformed_requirements(string text) =>
        Assert.Throws<FormatException>(() => Requirement.Parse(text));

    [Fact]
    public void Exposes_normalized_name_and_extras()
    {
        var requirement = Requirement.Parse("Foo.Bar[Socks,b_c,SOCKS]>=1");
        Assert.Equal("Foo.Bar", requirement.Name);
        Assert.Equal("foo-bar", requirement.NormalizedName.Value);
        Assert.Equal(["b-c", "socks"], requirement.Extras);
        Assert.Equal(["SOCKS", "Socks", "b_c"], requirement.ExtrasAsWritten);
        Assert.Null(requirement.Url);
        Assert.Null(requirement.Marker);
        Assert.False(requirement.Specifier.IsEmpty);
    }
}
