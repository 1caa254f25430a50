using System.Numerics;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Tests.Versioning;

/// <summary>Every row of packaging/versions.json.</summary>
public class Pep440VersionVectorTests
{
    private const string File = "versions.json";

    private static IReadOnlyList<string> Sorted => PackagingVectors.Strings(File, "sorted_versions", "versions");

    public static TheoryData<int> SortedIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Sorted.Count; i++) data.Add(i);
        return data;
    }

    /// <summary>Version i against every version of the list with all six operators (breaking the file's order fails).</summary>
    [Theory]
    [MemberData(nameof(SortedIndexes))]
    public void SortedVersions_AllOperatorsAgainstEveryOther(int i)
    {
        var list = Sorted;
        var a = Pep440Version.Parse(list[i]);
        for (var j = 0; j < list.Count; j++)
        {
            var b = Pep440Version.Parse(list[j]);
            var because = $"{list[i]} vs {list[j]}";
            Assert.True((a < b) == (i < j), because + " <");
            Assert.True((a <= b) == (i <= j), because + " <=");
            Assert.True((a == b) == (i == j), because + " ==");
            Assert.True((a != b) == (i != j), because + " !=");
            Assert.True((a >= b) == (i >= j), because + " >=");
            Assert.True((a > b) == (i > j), because + " >");
            Assert.Equal(Math.Sign(i.CompareTo(j)), Math.Sign(a.CompareTo(b)));
        }
    }

    public static TheoryData<string> InvalidVersions()
    {
        var data = new TheoryData<string>();
        foreach (var v in PackagingVectors.Strings(File, "invalid_versions", "versions")) data.Add(v);
        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidVersions))]
    public void InvalidVersion_IsRejected(string text)
    {
        Assert.Throws<FormatException>(() => Pep440Version.Parse(text));
        Assert.False(Pep440Version.TryParse(text, out _));
    }

    [Fact]
    public void InvalidVersion_NullAndOversizedInputs()
    {
        Assert.False(Pep440Version.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => Pep440Version.Parse(null!));
        // Python rejects these only for its int-digit limit; here they are valid big numbers.
        Assert.Equal(new string('1', 5000), Pep440Version.Parse(new string('1', 5000)).ToString());
    }

    public static TheoryData<int, string> Normalization() => PackagingVectors.Rows(File, "normalization");

    [Theory]
    [MemberData(nameof(Normalization))]
    public void Normalization_ToStringIsNormalized(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var v = Pep440Version.Parse(row["input"]!.GetValue<string>());
        Assert.Equal(row["normalized"]!.GetValue<string>(), v.ToString());
        Assert.Equal(v, Pep440Version.Parse(v.ToString()));
    }

    public static TheoryData<int, string> Components() => PackagingVectors.Rows(File, "components");

    [Theory]
    [MemberData(nameof(Components))]
    public void Components_MatchPackaging(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var v = Pep440Version.Parse(row["version"]!.GetValue<string>());
        Assert.Equal(row["public"]!.GetValue<string>(), v.Public.ToString());
        Assert.Equal(row["base_version"]!.GetValue<string>(), v.BaseVersion.ToString());
        Assert.Equal(row["epoch"]!.GetValue<int>(), v.Epoch);
        Assert.Equal(row["release"]!.AsArray().Select(n => new BigInteger(n!.GetValue<long>())), v.Release);
        Assert.Equal(row["local"]?.GetValue<string>(), v.Local);
        var pre = row["pre"]?.AsArray();
        if (pre is null) Assert.Null(v.Pre);
        else Assert.Equal((pre[0]!.GetValue<string>(), new BigInteger(pre[1]!.GetValue<long>())), v.Pre);
        Assert.Equal(row["dev"] is null ? null : new BigInteger(row["dev"]!.GetValue<long>()), v.Dev);
        Assert.Equal(row["post"] is null ? null : new BigInteger(row["post"]!.GetValue<long>()), v.Post);
        Assert.Equal(row["is_devrelease"]!.GetValue<bool>(), v.IsDevrelease);
    }

    public static TheoryData<int, string> IsPrerelease() => PackagingVectors.Rows(File, "is_prerelease");

    [Theory]
    [MemberData(nameof(IsPrerelease))]
    public void IsPrerelease_MatchesPackaging(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        Assert.Equal(row["is_prerelease"]!.GetValue<bool>(), Pep440Version.Parse(row["version"]!.GetValue<string>()).IsPrerelease);
    }

    public static TheoryData<int, string> IsPostrelease() => PackagingVectors.Rows(File, "is_postrelease");

    [Theory]
    [MemberData(nameof(IsPostrelease))]
    public void IsPostrelease_MatchesPackaging(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        Assert.Equal(row["is_postrelease"]!.GetValue<bool>(), Pep440Version.Parse(row["version"]!.GetValue<string>()).IsPostrelease);
    }

    public static TheoryData<int, string> FromParts() => PackagingVectors.Rows(File, "from_parts");

    [Theory]
    [MemberData(nameof(FromParts))]
    public void FromParts_EqualsParsedVersion(int index, string json)
    {
        var row = PackagingVectors.Row(index, json);
        var parts = row["parts"]!.AsObject();
        var pre = parts["pre"]?.AsArray();
        var v = Pep440Version.FromParts(
            parts["release"]!.AsArray().Select(n => new BigInteger(n!.GetValue<long>())),
            parts["epoch"]?.GetValue<int>() ?? 0,
            pre is null ? null : (pre[0]!.GetValue<string>(), new BigInteger(pre[1]!.GetValue<long>())),
            parts["post"] is null ? null : new BigInteger(parts["post"]!.GetValue<long>()),
            parts["dev"] is null ? null : new BigInteger(parts["dev"]!.GetValue<long>()),
            parts["local"]?.GetValue<string>());
        var expected = Pep440Version.Parse(row["equals_version"]!.GetValue<string>());
        Assert.Equal(expected, v);
        Assert.Equal(expected.ToString(), v.ToString());
    }

    // misc_asserts, transcribed by hand (one test per assertion text).

    [Fact]
    public void Misc_RcEqualsC() => Assert.Equal(Pep440Version.Parse("1.0c1"), Pep440Version.Parse("1.0rc1"));

    [Fact]
    public void Misc_Major() => Assert.Equal(2, (int)Pep440Version.Parse("2.1.0").Major);

    [Fact]
    public void Misc_Minor()
    {
        Assert.Equal(1, (int)Pep440Version.Parse("2.1.0").Minor);
        Assert.Equal(0, (int)Pep440Version.Parse("2").Minor);
    }

    [Fact]
    public void Misc_Micro()
    {
        Assert.Equal(3, (int)Pep440Version.Parse("2.1.3").Micro);
        Assert.Equal(0, (int)Pep440Version.Parse("2.1").Micro);
        Assert.Equal(0, (int)Pep440Version.Parse("2").Micro);
    }

    [Fact]
    public void Misc_EqualVersionsHashEqual()
    {
        Assert.Equal(Pep440Version.Parse("1.0"), Pep440Version.Parse("1.0.0"));
        Assert.Equal(Pep440Version.Parse("1.0").GetHashCode(), Pep440Version.Parse("1.0.0").GetHashCode());
        Assert.Equal(Pep440Version.Parse("1.0+ABC").GetHashCode(), Pep440Version.Parse("1.0.0+abc").GetHashCode());
    }
}
