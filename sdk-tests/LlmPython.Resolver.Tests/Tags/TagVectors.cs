using System.Text.Json;

namespace LlmPython.Resolver.Tests.Tags;

/// <summary>Rows of sdk-tests/vectors/packaging/tags.json, one theory case per row.</summary>
internal static class TagVectors
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestPaths.Vector("packaging", "tags.json"))).RootElement);

    public static JsonElement Group(string name) => Root.Value.GetProperty(name);

    public static JsonElement Case(string group, int index) => Group(group).GetProperty("cases")[index];

    /// <summary>One theory row per case of a group.</summary>
    public static TheoryData<int> Rows(string group)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Group(group).GetProperty("cases").GetArrayLength(); i++) data.Add(i);
        return data;
    }

    public static string[] Strings(this JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];

    public static int[] Ints(this JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetInt32())];

    public static (int, int) Pair(this JsonElement e) => (e[0].GetInt32(), e[1].GetInt32());

    public static string[] Strs(this IEnumerable<Resolver.Tags.WheelTag> tags) => [.. tags.Select(t => t.ToString())];
}
