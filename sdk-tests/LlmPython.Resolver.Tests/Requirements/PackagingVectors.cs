using System.Text.Json;

namespace LlmPython.Resolver.Tests.Requirements;

/// <summary>The pypa/packaging vector files (sdk-tests/vectors/packaging), each read once per test run.</summary>
internal static class PackagingVectors
{
    private static readonly Lazy<JsonElement> MarkersFile = new(() => Load("markers.json"));
    private static readonly Lazy<JsonElement> RequirementsFile = new(() => Load("requirements.json"));
    private static readonly Lazy<JsonElement> UtilsFile = new(() => Load("utils.json"));

    public static JsonElement Markers => MarkersFile.Value;
    public static JsonElement Requirements => RequirementsFile.Value;
    public static JsonElement Utils => UtilsFile.Value;

    /// <summary>The rows of <c>group.cases</c> (or another named list) as an array.</summary>
    public static JsonElement[] Rows(JsonElement file, string group, string list = "cases") =>
        file.GetProperty(group).GetProperty(list).EnumerateArray().ToArray();

    /// <summary>Theory rows (index, label) so each row is named by its input but loaded from the cache.</summary>
    public static TheoryData<int, string> Indexed(JsonElement[] rows, Func<JsonElement, string> label)
    {
        var data = new TheoryData<int, string>();
        for (int i = 0; i < rows.Length; i++)
            data.Add(i, label(rows[i]));
        return data;
    }

    public static string? OptionalString(this JsonElement row, string property) =>
        row.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string[] Strings(this JsonElement row, string property) =>
        row.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static JsonElement Load(string name)
    {
        using var stream = File.OpenRead(TestPaths.Vector("packaging", name));
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    }
}
