using System.Text;
using System.Text.Json;
using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Tests.Installation;

/// <summary>Rows of vectors/installer/record-vectors.json (pypa/installer tests), one theory row each.</summary>
public class RecordVectorTests
{
    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(TestPaths.Vector("installer", "record-vectors.json"))).RootElement;

    private static string? Str(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetString();

    public static TheoryData<int> Indexes(string group, string list)
    {
        var data = new TheoryData<int>();
        var count = Vectors.GetProperty(group).GetProperty(list).GetArrayLength();
        for (var i = 0; i < count; i++)
            data.Add(i);
        return data;
    }

    public static TheoryData<int> ValidationRows() => Indexes("record_entry_validation", "cases");
    public static TheoryData<int> ValidElementRows() => Indexes("record_entry_from_elements", "valid");
    public static TheoryData<int> InvalidElementRows() => Indexes("record_entry_from_elements", "invalid");
    public static TheoryData<int> ParseRows() => Indexes("parse_record_file", "cases");
    public static TheoryData<int> RewrittenShebangRows() => Indexes("shebang_rewrite", "rewritten");
    public static TheoryData<int> UnchangedShebangRows() => Indexes("shebang_rewrite", "unchanged");
    public static TheoryData<int> EntryPointRows() => Indexes("entry_points_txt", "cases");
    public static TheoryData<int> ValidWheelNameRows() => Indexes("wheel_filename", "valid");
    public static TheoryData<int> InvalidWheelNameRows() => Indexes("wheel_filename", "invalid");
    public static TheoryData<int> CanonicalNameRows() => Indexes("wheel_filename", "canonicalize_name");

    [Theory]
    [MemberData(nameof(ValidationRows))]
    public void Record_entry_validation(int i)
    {
        var row = Vectors.GetProperty("record_entry_validation").GetProperty("cases")[i];
        var size = row.GetProperty("size");
        var entry = new RecordEntry(row.GetProperty("path").GetString()!, Str(row.GetProperty("hash")), size.ValueKind == JsonValueKind.Null ? null : size.GetInt64());
        var data = Encoding.UTF8.GetBytes(row.GetProperty("data").GetString()!);
        var passes = row.GetProperty("passes").GetBoolean();

        Assert.Equal(passes, entry.Validate(data));
        Assert.Equal(passes, entry.Validate(new MemoryStream(data)));
        // to_row: missing values become "", a prefix goes before the path only.
        var elements = entry.ToRow("prefix/");
        Assert.Equal("prefix/" + entry.Path, elements[0]);
        Assert.Equal(entry.Hash ?? "", elements[1]);
        Assert.Equal(entry.Size?.ToString() ?? "", elements[2]);
    }

    [Theory]
    [MemberData(nameof(ValidElementRows))]
    public void Record_entry_from_valid_elements(int i)
    {
        var e = Vectors.GetProperty("record_entry_from_elements").GetProperty("valid")[i];
        var entry = RecordEntry.FromElements(e[0].GetString()!, e[1].GetString()!, e[2].GetString()!);
        Assert.Equal(new[] { e[0].GetString(), e[1].GetString(), e[2].GetString() }, entry.ToRow());
    }

    [Theory]
    [MemberData(nameof(InvalidElementRows))]
    public void Record_entry_from_invalid_elements(int i)
    {
        var row = Vectors.GetProperty("record_entry_from_elements").GetProperty("invalid")[i];
        var e = row.GetProperty("elements");
        var error = Assert.Throws<FormatException>(() => RecordEntry.FromElements(e[0].GetString()!, e[1].GetString()!, e[2].GetString()!));
        foreach (var mention in row.GetProperty("error_mentions").EnumerateArray())
            Assert.Contains(mention.GetString()!, error.Message);
    }

    [Fact]
    public void Record_entries_are_equal_on_all_fields()
    {
        Assert.Equal(new RecordEntry("a.py", "sha256=x", 1), new RecordEntry("a.py", "sha256=x", 1));
        Assert.NotEqual(new RecordEntry("a.py", "sha256=x", 1), new RecordEntry("a.py", "sha384=x", 1));
        Assert.NotEqual(new RecordEntry("a.py", "sha256=x", 1), new RecordEntry("a.py", "sha256=x", 2));
    }

    [Theory]
    [MemberData(nameof(ParseRows))]
    public void Parse_record_file(int i)
    {
        var row = Vectors.GetProperty("parse_record_file").GetProperty("cases")[i];
        var lines = row.GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList();
        if (row.TryGetProperty("error", out var error))
        {
            var e = Assert.Throws<FormatException>(() => RecordFile.Parse(lines));
            var expected = error.GetString()!;
            if (expected.StartsWith("Row Index"))
                Assert.Contains("Row Index 3", e.Message);
            else
                Assert.Contains(expected, e.Message);
            return;
        }
        var parsed = RecordFile.Parse(lines).Select(r => r.ToRow()).ToList();
        var want = row.GetProperty("expected").EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetString()!).ToArray()).ToList();
        Assert.Equal(want, parsed);
        // The same text parses the same way as one string.
        Assert.Equal(want, RecordFile.Parse(string.Join("\n", lines) + "\n").Select(r => r.ToRow()).ToList());
    }

    [Fact]
    public void Construct_record_file()
    {
        var group = Vectors.GetProperty("construct_record_file");
        var entries = group.GetProperty("input_rows").EnumerateArray()
            .Select(r => RecordEntry.FromElements(r[0].GetString()!, r[1].GetString()!, r[2].GetString()!));
        Assert.Equal(group.GetProperty("expected_bytes_utf8").GetString(), RecordFile.Write(entries));
    }

    [Fact]
    public void Writing_quotes_paths_with_commas()
        => Assert.Equal("\"a,b.py\",sha256=x,1\n", RecordFile.Write([new RecordEntry("a,b.py", "sha256=x", 1)]));

    [Theory]
    [MemberData(nameof(RewrittenShebangRows))]
    public void Shebang_rewritten(int i)
    {
        var row = Vectors.GetProperty("shebang_rewrite").GetProperty("rewritten")[i];
        var result = Shebang.Rewrite(Encoding.UTF8.GetBytes(row[0].GetString()!), "/my/python");
        Assert.Equal(row[1].GetString(), Encoding.UTF8.GetString(result));
    }

    [Theory]
    [MemberData(nameof(UnchangedShebangRows))]
    public void Shebang_unchanged(int i)
    {
        var text = Vectors.GetProperty("shebang_rewrite").GetProperty("unchanged")[i].GetString()!;
        Assert.Equal(text, Encoding.UTF8.GetString(Shebang.Rewrite(Encoding.UTF8.GetBytes(text), "/my/python")));
    }

    [Theory]
    [MemberData(nameof(EntryPointRows))]
    public void Entry_points(int i)
    {
        var row = Vectors.GetProperty("entry_points_txt").GetProperty("cases")[i];
        var parsed = ScriptEntryPoint.Parse(row.GetProperty("text").GetString()!)
            .Select(e => new[] { e.Name, e.Module, e.Attribute, e.Section }).ToList();
        var want = row.GetProperty("expected").EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetString()!).ToArray()).ToList();
        Assert.Equal(want, parsed);
    }

    [Theory]
    [MemberData(nameof(ValidWheelNameRows))]
    public void Wheel_filename_valid(int i)
    {
        var row = Vectors.GetProperty("wheel_filename").GetProperty("valid")[i];
        var parts = WheelNameParts.Parse(row.GetProperty("filename").GetString()!);
        Assert.Equal(row.GetProperty("distribution").GetString(), parts.Distribution);
        Assert.Equal(row.GetProperty("version").GetString(), parts.Version);
        Assert.Equal(Str(row.GetProperty("build_tag")), parts.BuildTag);
        Assert.Equal(row.GetProperty("tag").GetString(), parts.Tag);
    }

    [Theory]
    [MemberData(nameof(InvalidWheelNameRows))]
    public void Wheel_filename_invalid(int i)
    {
        var name = Vectors.GetProperty("wheel_filename").GetProperty("invalid")[i].GetString()!;
        Assert.Throws<FormatException>(() => WheelNameParts.Parse(name));
    }

    [Theory]
    [MemberData(nameof(CanonicalNameRows))]
    public void Canonicalize_name(int i)
    {
        var row = Vectors.GetProperty("wheel_filename").GetProperty("canonicalize_name")[i];
        Assert.Equal(row[1].GetString(), WheelNameParts.Canonicalize(row[0].GetString()!));
    }

    [Fact]
    public void Posix_launcher_matches_upstream_bytes()
    {
        // finalize_record_lines: the launcher of my_entrypoint = my_module:my_function for /my/python.
        var launcher = ScriptLauncher.Posix(new ScriptEntryPoint("my_entrypoint", "my_module", "my_function", "console"), "/my/python");
        Assert.Equal(216, launcher.Length);
        Assert.Equal("sha256=_p_9nwmeIeoMBfQ0akhr1KbKn3laDydg0J7cy0Fs6JI", RecordHash.Sha256(launcher));
    }

    [Fact]
    public void Launcher_imports_the_first_part_of_a_dotted_attribute()
    {
        var text = Encoding.UTF8.GetString(ScriptLauncher.Posix(new ScriptEntryPoint("foo", "foo.bar", "baz.qux", "console"), "/path/to/my/python"));
        Assert.StartsWith("#!/path/to/my/python\n", text);
        Assert.Contains("from foo.bar import baz\n", text);
        Assert.Contains("sys.exit(baz.qux())", text);
    }

    [Fact]
    public void Launcher_for_interpreter_with_spaces_goes_through_sh()
    {
        var text = Encoding.UTF8.GetString(ScriptLauncher.Posix(new ScriptEntryPoint("foo", "foo", "main", "console"), "/path to my/python"));
        Assert.StartsWith("#!/bin/sh\n", text);
        Assert.Contains("'/path to my/python'", text);
    }
}
