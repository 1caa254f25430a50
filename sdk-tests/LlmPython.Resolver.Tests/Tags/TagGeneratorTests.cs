using System.Text.Json;
using LlmPython.Resolver.Tags;
using static LlmPython.Resolver.Tests.Tags.TagVectors;

namespace LlmPython.Resolver.Tests.Tags;

public class TagGeneratorTests
{
    public static TheoryData<int> CpythonAbiRows => Rows("cpython_abis");
    public static TheoryData<int> GenericAbiRows => Rows("generic_abi_from_ext_suffix");
    public static TheoryData<int> NodotRows => Rows("interpreter_version_nodot");
    public static TheoryData<int> ShortNameRows => Rows("interpreter_short_names");
    public static TheoryData<int> CpythonTagRows => Rows("cpython_tags");
    public static TheoryData<int> GenericTagRows => Rows("generic_tags");
    public static TheoryData<int> PureRows => Rows("pure_python_tags");
    public static TheoryData<int> CompatibleRows => Rows("compatible_tags");
    public static TheoryData<int> SelectorRows => Rows("compatible_tags_selector");

    private static bool? Truth(JsonElement config, string name) =>
        !config.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.True ? true
        : v.ValueKind == JsonValueKind.False ? false
        : v.GetInt32() != 0;

    [Theory, MemberData(nameof(CpythonAbiRows))]
    public void CpythonAbis(int row)
    {
        var c = Case("cpython_abis", row);
        var config = c.GetProperty("config");
        var abiConfig = new CpythonAbiConfig
        {
            PyDebug = Truth(config, "Py_DEBUG"),
            HasTotalRefcount = config.TryGetProperty("sys.gettotalrefcount", out _),
            ExtensionSuffixes = config.TryGetProperty("EXTENSION_SUFFIXES", out var s) ? s.Strings() : [],
            WithPymalloc = Truth(config, "WITH_PYMALLOC"),
            UnicodeSize = config.TryGetProperty("Py_UNICODE_SIZE", out var u) && u.ValueKind == JsonValueKind.Number ? u.GetInt32() : null,
            MaxUnicode = config.TryGetProperty("sys.maxunicode", out var mu) ? mu.GetInt32() : 0x10FFFF,
        };
        Assert.Equal(c.GetProperty("expected").Strings(), TagGenerator.CpythonAbis(c.GetProperty("version").Ints(), abiConfig));
    }

    [Theory, MemberData(nameof(GenericAbiRows))]
    public void GenericAbiFromExtSuffix(int row)
    {
        var c = Case("generic_abi_from_ext_suffix", row);
        var suffix = c.GetProperty("EXT_SUFFIX").GetString();
        IReadOnlyList<string> fallback = ["cp37m-fallback"];
        if (c.TryGetProperty("raises", out _))
        {
            Assert.Throws<FormatException>(() => TagGenerator.GenericAbi(suffix, () => fallback));
            return;
        }
        var expected = c.GetProperty("expected");
        var actual = TagGenerator.GenericAbi(suffix, () => fallback);
        if (expected.ValueKind == JsonValueKind.String)
        {
            Assert.Equal("same as _cpython_abis(current version)", expected.GetString());
            Assert.Same(fallback, actual);
        }
        else Assert.Equal(expected.Strings(), actual);
    }

    [Theory, MemberData(nameof(NodotRows))]
    public void InterpreterVersionNodot(int row)
    {
        var c = Case("interpreter_version_nodot", row);
        Assert.Equal(c.GetProperty("version_str").GetString(), TagGenerator.InterpreterVersion(c.GetProperty("version_info").Ints()));
    }

    [Theory, MemberData(nameof(ShortNameRows))]
    public void InterpreterShortNames(int row)
    {
        var c = Case("interpreter_short_names", row);
        Assert.Equal(c.GetProperty("expected").GetString(), TagGenerator.InterpreterShortName(c.GetProperty("name").GetString()!));
    }

    [Theory, MemberData(nameof(CpythonTagRows))]
    public void CpythonTags(int row)
    {
        var c = Case("cpython_tags", row);
        var abis = c.GetProperty("abis");
        var actual = TagGenerator.CpythonTags(c.GetProperty("python_version").Ints(),
            abis.ValueKind == JsonValueKind.Null ? null : abis.Strings(), c.GetProperty("platforms").Strings());
        Assert.Equal(c.GetProperty("expected").Strings(), actual.Strs());
    }

    [Theory, MemberData(nameof(GenericTagRows))]
    public void GenericTags(int row)
    {
        var c = Case("generic_tags", row);
        var actual = TagGenerator.GenericTags(c.GetProperty("interpreter").GetString()!, c.GetProperty("abis").Strings(), c.GetProperty("platforms").Strings());
        Assert.Equal(c.GetProperty("expected").Strings(), actual.Strs());
    }

    [Theory, MemberData(nameof(PureRows))]
    public void PurePythonTags(int row)
    {
        var c = Case("pure_python_tags", row);
        var version = c.GetProperty("python_version").Ints();
        if (c.TryGetProperty("raises", out _))
            Assert.Throws<ArgumentException>(() => TagGenerator.PurePythonTags(version));
        else
            Assert.Equal(c.GetProperty("expected").Strings(), TagGenerator.PurePythonTags(version).Strs());
    }

    [Theory, MemberData(nameof(CompatibleRows))]
    public void CompatibleTags(int row)
    {
        var c = Case("compatible_tags", row);
        var actual = TagGenerator.CompatibleTags(c.GetProperty("python_version").Ints(),
            c.GetProperty("interpreter").GetString(), c.GetProperty("platforms").Strings());
        Assert.Equal(c.GetProperty("expected").Strings(), actual.Strs());
    }

    [Theory, MemberData(nameof(SelectorRows))]
    public void CompatibleTagsSelector(int row)
    {
        var c = Case("compatible_tags_selector", row);
        var supported = new SupportedTags([.. c.GetProperty("supported").Strings().Select(t => WheelTag.Create("py3", "none", t))]);
        var things = c.GetProperty("things").Strings().Select(t => (t, (IEnumerable<WheelTag>)WheelTag.ParseSet("py3-none-" + t)));
        Assert.Equal(c.GetProperty("expected").Strings(), supported.SelectCompatible(things));
    }
}
