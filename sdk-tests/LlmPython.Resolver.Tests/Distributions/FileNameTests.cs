using System.Text.Json;
using LlmPython.Resolver.Distributions;

namespace LlmPython.Resolver.Tests.Distributions;

/// <summary>The wheel and sdist groups of sdk-tests/vectors/packaging/utils.json, one theory case per row.</summary>
public class FileNameTests
{
    private static readonly Lazy<JsonElement> Utils = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Vector("packaging", "utils.json"))).RootElement);

    private static JsonElement Group(string name) => Utils.Value.GetProperty(name);

    private static TheoryData<int> Indexes(JsonElement array)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < array.GetArrayLength(); i++) data.Add(i);
        return data;
    }

    public static TheoryData<int> WheelRows => Indexes(Group("parse_wheel_filename").GetProperty("cases"));
    public static TheoryData<int> InvalidWheelRows => Indexes(Group("parse_wheel_filename_invalid").GetProperty("filenames"));
    public static TheoryData<int> UnsortedWheelRows => Indexes(Group("parse_wheel_filename_unsorted_tags").GetProperty("filenames"));
    public static TheoryData<int> SdistRows => Indexes(Group("parse_sdist_filename").GetProperty("cases"));
    public static TheoryData<int> InvalidSdistRows => Indexes(Group("parse_sdist_filename").GetProperty("invalid"));

    [Theory, MemberData(nameof(WheelRows))]
    public void ParseWheelFileName(int row)
    {
        var c = Group("parse_wheel_filename").GetProperty("cases")[row];
        var wheel = WheelFileName.Parse(c.GetProperty("filename").GetString()!);
        Assert.Equal(c.GetProperty("name").GetString(), wheel.Name.Value);
        Assert.Equal(c.GetProperty("version").GetString(), wheel.Version.ToString());
        var build = c.GetProperty("build");
        if (build.GetArrayLength() == 0) Assert.Null(wheel.Build);
        else Assert.Equal((build[0].GetInt32(), build[1].GetString()!), wheel.Build);
        var expectedTags = c.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(expectedTags, wheel.Tags.Select(t => t.ToString()).Order(StringComparer.Ordinal));
        Assert.True(WheelFileName.TryParse(wheel.FileName, out _));
    }

    [Theory, MemberData(nameof(InvalidWheelRows))]
    public void InvalidWheelFileName(int row)
    {
        var name = Group("parse_wheel_filename_invalid").GetProperty("filenames")[row].GetString()!;
        Assert.Throws<FormatException>(() => WheelFileName.Parse(name));
        Assert.False(WheelFileName.TryParse(name, out _));
    }

    [Theory, MemberData(nameof(UnsortedWheelRows))]
    public void UnsortedTagsValidOnlyWithoutOrderValidation(int row)
    {
        var name = Group("parse_wheel_filename_unsorted_tags").GetProperty("filenames")[row].GetString()!;
        Assert.Equal(2, WheelFileName.Parse(name).Tags.Count);
        Assert.Throws<FormatException>(() => WheelFileName.Parse(name, validateOrder: true));
    }

    [Theory, MemberData(nameof(SdistRows))]
    public void ParseSdistFileName(int row)
    {
        var c = Group("parse_sdist_filename").GetProperty("cases")[row];
        var sdist = SdistFileName.Parse(c.GetProperty("filename").GetString()!);
        Assert.Equal(c.GetProperty("name").GetString(), sdist.Name.Value);
        Assert.Equal(c.GetProperty("version").GetString(), sdist.Version.ToString());
    }

    [Theory, MemberData(nameof(InvalidSdistRows))]
    public void InvalidSdistFileName(int row)
    {
        var name = Group("parse_sdist_filename").GetProperty("invalid")[row].GetString()!;
        Assert.Throws<FormatException>(() => SdistFileName.Parse(name));
        Assert.False(SdistFileName.TryParse(name, out _));
    }

    [Theory]
    [InlineData("torch-2.4.0%2Bcu118-cp311-cp311-linux_x86_64.whl")]
    [InlineData("torch-2.4.0%2bcu118-cp311-cp311-linux_x86_64.whl")]
    [InlineData("torch-2.4.0+cu118-cp311-cp311-linux_x86_64.whl")]
    public void PyTorchLocalVersionEncodedPlus(string fileName)
    {
        var wheel = WheelFileName.Parse(fileName);
        Assert.Equal("torch", wheel.Name.Value);
        Assert.Equal("2.4.0+cu118", wheel.Version.ToString());
        Assert.Equal("cu118", wheel.Version.Local);
        Assert.Equal("torch-2.4.0+cu118-cp311-cp311-linux_x86_64.whl", wheel.FileName);
        Assert.Equal("cp311-cp311-linux_x86_64", Assert.Single(wheel.Tags).ToString());
    }

    [Fact]
    public void ManylinuxWheelNameWithNormalizedProjectName()
    {
        var wheel = WheelFileName.Parse("Flash_Attn.Extra-2.6.3-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
        Assert.Equal("flash-attn-extra", wheel.Name.Value);
        Assert.Equal("cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64", wheel.TagText);
        Assert.Equal(2, wheel.Tags.Count);
    }

    [Fact]
    public void SdistKeepsLegacyDashedNamesAndEncodedPlus()
    {
        var sdist = SdistFileName.Parse("Foo_Bar-baz-1.0%2Blocal.zip");
        Assert.Equal("foo-bar-baz", sdist.Name.Value);
        Assert.Equal("1.0+local", sdist.Version.ToString());
        Assert.Equal(".zip", sdist.Extension);
    }

    private static readonly Lazy<JsonElement> InstallerWheelNames = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Vector("installer", "record-vectors.json"))).RootElement.GetProperty("wheel_filename"));

    public static TheoryData<int> InstallerValidRows => Indexes(InstallerWheelNames.Value.GetProperty("valid"));
    public static TheoryData<int> InstallerInvalidRows => Indexes(InstallerWheelNames.Value.GetProperty("invalid"));

    [Theory, MemberData(nameof(InstallerValidRows))]
    public void InstallerWheelFileName(int row)
    {
        var c = InstallerWheelNames.Value.GetProperty("valid")[row];
        var wheel = WheelFileName.Parse(c.GetProperty("filename").GetString()!);
        Assert.Equal(c.GetProperty("distribution").GetString(), wheel.Name.Value);
        Assert.Equal(c.GetProperty("version").GetString(), wheel.Version.ToString());
        var build = c.GetProperty("build_tag");
        Assert.Equal(build.ValueKind == JsonValueKind.Null ? null : build.GetString(), wheel.Build is { } b ? $"{b.Number}{b.Suffix}" : null);
        Assert.Equal(c.GetProperty("tag").GetString(), Assert.Single(wheel.Tags).ToString());
    }

    [Theory, MemberData(nameof(InstallerInvalidRows))]
    public void InstallerInvalidWheelFileName(int row) =>
        Assert.Throws<FormatException>(() => WheelFileName.Parse(InstallerWheelNames.Value.GetProperty("invalid")[row].GetString()!));
}
