using System.Text.Json.Nodes;

namespace LlmPython.Resolver.Tests.Versioning;

/// <summary>Loads the pypa/packaging vectors (sdk-tests/vectors/packaging) as theory rows.</summary>
internal static class PackagingVectors
{
    private static readonly Dictionary<string, JsonObject> Files = new();

    public static JsonObject File(string name)
    {
        lock (Files)
        {
            if (!Files.TryGetValue(name, out var root))
            {
                root = JsonNode.Parse(System.IO.File.ReadAllText(TestPaths.Vector("packaging", name)))!.AsObject();
                Files[name] = root;
            }
            return root;
        }
    }

    /// <summary>
    /// Each element of <c>file[group][list]</c> as a row: its index (so identical rows stay distinct
    /// test cases) and its JSON text.
    /// </summary>
    public static TheoryData<int, string> Rows(string file, string group, string list = "cases")
    {
        var data = new TheoryData<int, string>();
        var index = 0;
        foreach (var item in File(file)[group]![list]!.AsArray())
            data.Add(index++, item!.ToJsonString());
        return data;
    }

    public static IReadOnlyList<string> Strings(string file, string group, string list) =>
        File(file)[group]![list]!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    public static JsonObject Row(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>The row of a <see cref="Rows"/> case; the index only keeps identical rows apart.</summary>
    public static JsonObject Row(int index, string json) =>
        index >= 0 ? Row(json) : throw new ArgumentOutOfRangeException(nameof(index));

    public static bool? OptionalBool(JsonObject row, string name) =>
        row.TryGetPropertyValue(name, out var node) && node is not null ? node.GetValue<bool>() : null;
}
