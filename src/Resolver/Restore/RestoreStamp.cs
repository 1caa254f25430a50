using System.Text.Json;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// obj/python/restore.stamp: what the environment was last built from. When the inputs hash, the
/// lock's bytes and the environment identity are unchanged and the environment passes a cheap
/// integrity check, a build does nothing (NuGet's no-op restore, for Python).
/// </summary>
public sealed record RestoreStamp(string InputsHash, string LockSha256, string EnvironmentName, string EnvironmentDirectory)
{
    /// <summary>The lock section the environment was built from.</summary>
    public string? LockSection { get; init; }

    public static RestoreStamp? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<RestoreStamp>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null; // a damaged stamp only costs a full restore
        }
    }

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this));
        File.Move(temp, path, overwrite: true);
    }
}
