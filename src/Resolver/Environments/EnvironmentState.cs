using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LlmPython.Resolver.Environments;

/// <summary>
/// <c>llmpython-state.json</c> at the environment root: which wheel (by sha256) each installed
/// distribution came from. Written last, inside the staging copy, so it always describes the files next to it.
/// Its name differs from the publish manifest's (<c>llmpython-environment.json</c>) so nothing can take a
/// build's venv for a published environment.
/// </summary>
public sealed record EnvironmentState(string BaseExecutable, string PythonVersion, IReadOnlyList<EnvironmentState.Package> Packages)
{
    public const string FileName = "llmpython-state.json";

    /// <param name="Name">Normalized project name.</param>
    /// <param name="DistInfo">The .dist-info folder name in site-packages.</param>
    public sealed record Package(string Name, string Version, string Sha256, bool Requested, string? DirectUrl, string DistInfo);

    // Source-generated: the engine's no-op and the fast path's arming read it on every restore.
    private static JsonTypeInfo<EnvironmentState> Json => EnvironmentStateJson.Default.EnvironmentState;

    /// <summary>The state of the environment at <paramref name="root"/>, or null when absent or unreadable.</summary>
    public static EnvironmentState? Read(string root)
    {
        try
        {
            var path = Path.Combine(root, FileName);
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), Json) : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null; // an unreadable state only costs a reinstall
        }
    }

    public void Write(string root)
    {
        var sorted = this with { Packages = Packages.OrderBy(p => p.Name, StringComparer.Ordinal).ToList() };
        VirtualEnvironmentWriter.ReplaceFile(Path.Combine(root, FileName), JsonSerializer.Serialize(sorted, Json) + "\n");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EnvironmentState))]
internal sealed partial class EnvironmentStateJson : JsonSerializerContext;
