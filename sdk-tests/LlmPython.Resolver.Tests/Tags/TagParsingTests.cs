using LlmPython.Resolver.Tags;
using static LlmPython.Resolver.Tests.Tags.TagVectors;

namespace LlmPython.Resolver.Tests.Tags;

public class TagParsingTests
{
    public static TheoryData<int> Valid => Rows("parse_tag_valid");
    public static TheoryData<int> Invalid => Rows("parse_tag_invalid");
    public static TheoryData<int> Limit => Rows("parse_tag_limit");

    [Theory, MemberData(nameof(Valid))]
    public void ParseTagValid(int row)
    {
        var c = Case("parse_tag_valid", row);
        var tags = WheelTag.ParseSet(c.GetProperty("tag").GetString()!).Strs();
        Assert.Equal(c.GetProperty("expected").Strings().Order(), tags.Order());
        Assert.Equal(tags.Length, tags.Distinct().Count());
    }

    [Theory, MemberData(nameof(Invalid))]
    public void ParseTagInvalid(int row)
    {
        var c = Case("parse_tag_invalid", row);
        var e = Assert.Throws<FormatException>(() => WheelTag.ParseSet(c.GetProperty("tag").GetString()!));
        Assert.Contains(c.GetProperty("reason").GetString()!, e.Message);
    }

    [Theory, MemberData(nameof(Limit))]
    public void ParseTagLimit(int row)
    {
        var c = Case("parse_tag_limit", row);
        var tag = c.GetProperty("tag").GetString()!;
        var limit = c.GetProperty("limit").GetInt32();
        if (c.TryGetProperty("expected", out var expected))
        {
            Assert.Equal(expected.Strings().Order(), WheelTag.ParseSet(tag, limit).Strs().Order());
            return;
        }
        var raises = c.GetProperty("raises").GetString()!;
        if (raises.StartsWith("ValueError", StringComparison.Ordinal))
            Assert.Throws<ArgumentOutOfRangeException>(() => WheelTag.ParseSet(tag, limit));
        else
        {
            var e = Assert.Throws<FormatException>(() => WheelTag.ParseSet(tag, limit));
            Assert.Contains("would generate 2 tags", e.Message);
        }
    }

    [Fact]
    public void ValidateOrderRejectsUnsortedComponents()
    {
        Assert.Throws<FormatException>(() => WheelTag.ParseSet("py3.py2-none-any", validateOrder: true));
        Assert.Equal(2, WheelTag.ParseSet("py2.py3-none-any", validateOrder: true).Count);
    }

    [Fact]
    public void ParseSingleTagRejectsCompressedSet()
    {
        Assert.Equal(new WheelTag("cp311", "abi3", "win_amd64"), WheelTag.Parse("CP311-ABI3-WIN_AMD64"));
        Assert.Throws<FormatException>(() => WheelTag.Parse("py2.py3-none-any"));
    }

    [Fact]
    public void RankPicksBestTagAndNullWhenUnsupported()
    {
        var supported = new SupportedTags([WheelTag.Parse("cp311-cp311-linux_x86_64"), WheelTag.Parse("py3-none-any"), WheelTag.Parse("cp311-cp311-linux_x86_64")]);
        Assert.Equal(1, supported.Rank(WheelTag.ParseSet("py2.py3-none-any")));
        Assert.Equal(0, supported.Rank([WheelTag.Parse("py3-none-any"), WheelTag.Parse("cp311-cp311-linux_x86_64")]));
        Assert.Null(supported.Rank(WheelTag.ParseSet("cp312-cp312-linux_x86_64")));
    }
}
