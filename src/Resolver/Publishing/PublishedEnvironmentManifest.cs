using System.Text.Json;

namespace LlmPython.Resolver.Publishing;

/// <summary>
/// python/llmpython-environment.json: what a published app needs to start Python on the target machine
/// (there is no pyvenv.cfg in a publish folder: its "home" would be a build-machine path). A venv's own
/// state has another name (llmpython-state.json), so the generated class never mistakes one for the other.
/// </summary>
public sealed record PublishedEnvironmentManifest(
    /// <summary>"3.11": the interpreter version the environment was locked for.</summary>
    string PythonVersion,
    /// <summary>site-packages, relative to the manifest's folder, with '/' separators.</summary>
    string SitePackages,
    /// <summary>Console scripts folder, relative, with '/' separators.</summary>
    string Scripts,
    IReadOnlyList<string> Packages)
{
    /// <summary>The shipped interpreter, relative ('/' separators); null when the target machine's Python runs the environment.</summary>
    public string? Interpreter { get; init; }

    /// <summary>The shipped shared libpython for in-process hosts (pythonnet), relative; null when none is shipped.</summary>
    public string? LibPython { get; init; }

    public const string FileName = "llmpython-environment.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options).Replace("\r\n", "\n") + "\n";

    public static PublishedEnvironmentManifest? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<PublishedEnvironmentManifest>(File.ReadAllText(path), Options) : null;
    }
}
