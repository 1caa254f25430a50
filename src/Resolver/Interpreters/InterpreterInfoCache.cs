using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace LlmPython.Resolver.Interpreters;

/// <summary>
/// Probe answers on disk, keyed by the interpreter binary's real path, size and modification time, so
/// asking again about an unchanged interpreter starts no process. Scripts (pyenv shims, wrappers) are
/// never cached: the binary they run can change without them changing. Answers read or written are also kept in
/// memory for the life of the process (keyed by the entry file, which names the binary's identity): the projects of
/// one <c>dotnet build -m</c> that an MSBuild node restores one after another read and parse the entry once.
/// </summary>
public sealed class InterpreterInfoCache
{
    /// <summary>snake_case JSON, source-generated: the engine's no-op reads an entry on every build.</summary>
    internal static JsonTypeInfo<InterpreterInfo> Json => InterpreterInfoJson.Default.InterpreterInfo;

    private static readonly ConcurrentDictionary<string, InterpreterInfo> Read = new(StringComparer.Ordinal);

    private readonly string _directory;

    public InterpreterInfoCache(string directory) { _directory = directory; }

    /// <summary>The cached answer for this executable, or null.</summary>
    public InterpreterInfo? TryGet(string executablePath)
    {
        var file = EntryPath(executablePath);
        if (file is null) return null;
        if (Read.TryGetValue(file, out var known)) return known;
        if (!File.Exists(file)) return null;
        try
        {
            var info = JsonSerializer.Deserialize(File.ReadAllText(file), Json);
            if (info is not { ProbeVersion: InterpreterProbeScript.Version }) return null;
            Read[file] = info;
            return info;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null; // a damaged entry is probed again and overwritten
        }
    }

    /// <summary>Stores an answer (written to a temp name, then renamed, so readers never see half a file).</summary>
    public void Put(string executablePath, InterpreterInfo info)
    {
        var file = EntryPath(executablePath);
        if (file is null) return;
        Read[file] = info;
        try
        {
            Directory.CreateDirectory(_directory);
            var temp = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(info, Json));
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache only saves time; failing to write it is not an error.
        }
    }

    /// <summary>The entry file of an executable, or null when it must not be cached.</summary>
    private string? EntryPath(string executablePath)
    {
        var real = RealPath(executablePath);
        var file = new FileInfo(real);
        if (!file.Exists || IsScript(real)) return null;
        var key = $"{real}\n{file.Length}\n{file.LastWriteTimeUtc.Ticks}\n{InterpreterProbeScript.Version}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
        return Path.Combine(_directory, $"interpreter-{hash[..32]}.json");
    }

    /// <summary>The path with every symlink resolved.</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
            return target?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }

    private static bool IsScript(string path)
    {
        try
        {
            using var s = File.OpenRead(path);
            return s.ReadByte() == '#' && s.ReadByte() == '!';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(InterpreterInfo))]
internal sealed partial class InterpreterInfoJson : JsonSerializerContext;
