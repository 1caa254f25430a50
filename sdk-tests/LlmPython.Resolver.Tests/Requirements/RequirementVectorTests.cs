using System.Text.Json;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Tests.Requirements;

/// <summary>PEP 508 requirements against every group of requirements.json.</summary>
public class RequirementVectorTests
{
    private static readonly JsonElement File = PackagingVectors.Requirements;
    private static readonly JsonElement[] ValidParsed = PackagingVectors.Rows(File, "valid_parsed");
    private static readonly JsonElement[] ValidMisc = PackagingVectors.Rows(File, "valid_parsed_misc");
    private static readonly JsonElement[] Roundtrip = PackagingVectors.Rows(File, "str_roundtrip");
    private static readonly JsonElement[] Invalid = PackagingVectors.Rows(File, "invalid");

    public static TheoryData<int, string> ValidParsedRows => PackagingVectors.Indexed(ValidParsed, r => r.GetProperty("requirement").GetString()!);
    public static TheoryData<int, string> ValidMiscRows => PackagingVectors.Indexed(ValidMisc, r => r.GetProperty("requirement").GetString()!);
    public static TheoryData<int, string> RoundtripRows => PackagingVectors.Indexed(Roundtrip, r => r.GetProperty("input").GetString()!);
    public static TheoryData<int, string> InvalidRows => PackagingVectors.Indexed(Invalid, r => r.GetProperty("requirement").GetString()!);

    public static TheoryData<string, string> EqualPairs => Pairs("equal");
    public static TheoryData<string, string> EquivalentPairs => Pairs("equivalent_but_different_str");
    public static TheoryData<string, string> DifferentPairs => Pairs("different");

    private static TheoryData<string, string> Pairs(string group)
    {
        var data = new TheoryData<string, string>();
        foreach (var pair in File.GetProperty("equality").GetProperty(group).EnumerateArray())
            data.Add(pair[0].GetString()!, pair[1].GetString()!);
        return data;
    }

    /// <summary>packaging's str(SpecifierSet): clauses stripped of spaces, sorted, comma-joined.</summary>
    private static string SortedClauses(string specifier) =>
        string.Join(",", specifier.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => c.Replace(" ", "")).Order(StringComparer.Ordinal));

    private static void AssertParsed(JsonElement row, Requirement requirement)
    {
        Assert.Equal(row.GetProperty("name").GetString(), requirement.Name);
        Assert.Equal(PackageName.Normalize(row.GetProperty("name").GetString()!), requirement.NormalizedName.Value);
        string[] extras = row.Strings("extras");
        Assert.Equal(extras, requirement.ExtrasAsWritten);
        Assert.Equal(extras.Select(PackageName.Normalize).Distinct().Order(StringComparer.Ordinal), requirement.Extras);
        Assert.Equal(row.OptionalString("url"), requirement.Url);

        string specifier = row.GetProperty("specifier").GetString()!;
        Assert.Equal(SortedClauses(specifier), requirement.SpecifierText);
        Assert.Equal(specifier.Length == 0, requirement.Specifier.IsEmpty);
        Assert.Equal(VersionSpecifierSet.Parse(specifier).ToString(), requirement.Specifier.ToString());

        string? marker = row.OptionalString("marker");
        if (marker is null)
        {
            Assert.Null(requirement.Marker);
        }
        else
        {
            Assert.Equal(Marker.Parse(marker), requirement.Marker);
            string? markerStr = row.OptionalString("marker_str");
            if (markerStr is not null)
                Assert.Equal(markerStr, requirement.Marker!.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(ValidParsedRows))]
    public void Valid_parsed(int index, string text) => AssertParsed(ValidParsed[index], Requirement.Parse(text));

    [Theory]
    [MemberData(nameof(ValidMiscRows))]
    public void Valid_parsed_misc(int index, string text)
    {
        var requirement = Requirement.Parse(text);
        AssertParsed(ValidMisc[index], requirement);
        // Rows noted "equals Requirement('name>=1')": trailing horizontal whitespace is ignored.
        if (ValidMisc[index].OptionalString("note") is not null)
            Assert.Equal(Requirement.Parse("name>=1"), requirement);
    }

    [Theory]
    [MemberData(nameof(RoundtripRows))]
    public void Str_roundtrip(int index, string input)
    {
        string expected = Roundtrip[index].GetProperty("str").GetString()!;
        var requirement = Requirement.Parse(input);
        Assert.Equal(expected, requirement.ToString());
        Assert.Equal(requirement, Requirement.Parse(expected));
    }

    [Theory]
    [MemberData(nameof(InvalidRows))]
    public void Invalid_is_rejected(int index, string text)
    {
        var error = Assert.Throws<FormatException>(() => Requirement.Parse(text));
        Assert.False(Requirement.TryParse(text, out _));
        // Rows with a caret line are parser errors: our message has packaging's three lines.
        string? caret = Invalid[index].OptionalString("error_caret_line");
        if (caret is not null)
        {
            string[] lines = error.Message.Split('\n');
            Assert.Equal(Invalid[index].GetProperty("error_message").GetString(), lines[0]);
            Assert.Equal("    " + text, lines[1]);
            Assert.Equal("    " + caret, lines[2]);
        }
    }

    [Theory]
    [MemberData(nameof(EqualPairs))]
    public void Equal_requirements(string a, string b)
    {
        var ra = Requirement.Parse(a);
        var rb = Requirement.Parse(b);
        Assert.Equal(ra, rb);
        Assert.Equal(ra.GetHashCode(), rb.GetHashCode());
        Assert.Equal(ra.ToString(), rb.ToString());
    }

    [Theory]
    [MemberData(nameof(EquivalentPairs))]
    public void Equivalent_requirements_with_different_text(string a, string b)
    {
        var ra = Requirement.Parse(a);
        var rb = Requirement.Parse(b);
        Assert.Equal(ra, rb);
        Assert.True(ra == rb);
        Assert.Equal(ra.GetHashCode(), rb.GetHashCode());
        Assert.NotEqual(ra.ToString(), rb.ToString());
    }

    [Theory]
    [MemberData(nameof(DifferentPairs))]
    public void Different_requirements(string a, string b)
    {
        var ra = Requirement.Parse(a);
        var rb = Requirement.Parse(b);
        Assert.NotEqual(ra, rb);
        Assert.True(ra != rb);
        Assert.NotEqual(ra.GetHashCode(), rb.GetHashCode());
    }
}
