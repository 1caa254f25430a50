using System.Text.Json;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Locking;

/// <summary>Reads python.lock.json; a damaged file is an error with a code, never a silent re-resolve.</summary>
public static class LockFileReader
{
    public static LockFile? TryRead(string path)
    {
        return File.Exists(path) ? Parse(File.ReadAllBytes(path), path) : null;
    }

    /// <summary>The lock in <paramref name="utf8"/> (the bytes of the file at <paramref name="path"/>); damage is LLMPY0601.</summary>
    public static LockFile Parse(byte[] utf8, string path)
    {
        try
        {
            return Parse(System.Text.Encoding.UTF8.GetString(utf8));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new LlmPyException(DiagnosticCodes.Lock.Unreadable,
                $"The lockfile '{path}' cannot be read ({e.Message}). Fix the merge conflict or delete the file and build again to re-create it.", e);
        }
    }

    public static LockFile Parse(string text)
    {
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        var format = root.GetProperty("formatVersion").GetInt32();
        if (format != LockFile.CurrentFormatVersion)
            throw new FormatException($"format version {format} is not supported (this SDK writes {LockFile.CurrentFormatVersion})");
        return new LockFile
        {
            FormatVersion = format,
            InputsHash = root.GetProperty("inputsHash").GetString()!,
            Environments = root.GetProperty("environments").EnumerateArray().Select(ReadEnvironment).ToList(),
        };
    }

    private static LockedEnvironment ReadEnvironment(JsonElement e) => new()
    {
        Name = e.GetProperty("name").GetString()!,
        PythonVersion = e.GetProperty("pythonVersion").GetString()!,
        Platform = e.GetProperty("platform").GetString()!,
        Backend = OptionalString(e, "backend"),
        BackendReason = OptionalString(e, "backendReason"),
        Packages = e.GetProperty("packages").EnumerateArray().Select(ReadPackage).ToList(),
    };

    private static LockedPackage ReadPackage(JsonElement p) => new()
    {
        Name = p.GetProperty("name").GetString()!,
        Version = p.GetProperty("version").GetString()!,
        Source = p.GetProperty("source").GetString()!,
        FileName = p.GetProperty("fileName").GetString()!,
        Url = p.GetProperty("url").GetString()!,
        Sha256 = p.GetProperty("sha256").GetString()!,
        Size = p.TryGetProperty("size", out var size) ? size.GetInt64() : null,
        Requested = p.TryGetProperty("requested", out var r) && r.GetBoolean(),
        NoDeps = p.TryGetProperty("noDeps", out var n) && n.GetBoolean(),
        BuildFromSource = p.TryGetProperty("buildFromSource", out var b) && b.GetBoolean(),
        Dependencies = p.GetProperty("dependencies").EnumerateArray().Select(d => new LockedDependency
        {
            Name = d.GetProperty("name").GetString()!,
            Extras = d.TryGetProperty("extras", out var x) ? x.EnumerateArray().Select(v => v.GetString()!).ToList() : [],
            Requirement = OptionalString(d, "requirement"),
        }).ToList(),
    };

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
