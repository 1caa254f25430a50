using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlmPython.Resolver.Locking;

/// <summary>
/// Writes a lockfile deterministically: fixed key order, environments and packages sorted by name,
/// no timestamps, two-space indent, "\n" line endings, trailing newline. Diff-friendly by construction.
/// </summary>
public static class LockFileWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        // Keep '+', '<', '>' and '\'' readable in versions and markers; the file is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToText(LockFile lockFile)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", lockFile.FormatVersion);
            json.WriteString("inputsHash", lockFile.InputsHash);
            json.WriteStartArray("environments");
            foreach (var env in lockFile.Environments.OrderBy(e => e.Name, StringComparer.Ordinal))
                WriteEnvironment(json, env);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        // Utf8JsonWriter uses the OS newline on net8.0; the file must be the same on every OS.
        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>The file's bytes: <see cref="ToText"/> as UTF-8 without a byte order mark.</summary>
    public static byte[] ToBytes(LockFile lockFile) => Encoding.UTF8.GetBytes(ToText(lockFile));

    /// <summary>Writes only when the bytes differ (so an unchanged lock keeps its timestamp); atomic replace.</summary>
    /// <returns>True when the file was written.</returns>
    public static bool WriteIfChanged(LockFile lockFile, string path) => WriteIfChanged(ToBytes(lockFile), path);

    /// <inheritdoc cref="WriteIfChanged(LockFile, string)"/>
    public static bool WriteIfChanged(byte[] utf8, string path)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(utf8))
            return false;
        var temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temp, utf8);
        File.Move(temp, path, overwrite: true);
        return true;
    }

    private static void WriteEnvironment(Utf8JsonWriter json, LockedEnvironment env)
    {
        json.WriteStartObject();
        json.WriteString("name", env.Name);
        json.WriteString("pythonVersion", env.PythonVersion);
        json.WriteString("platform", env.Platform);
        if (env.Backend is not null) json.WriteString("backend", env.Backend);
        if (env.BackendReason is not null) json.WriteString("backendReason", env.BackendReason);
        json.WriteStartArray("packages");
        foreach (var p in env.Packages.OrderBy(p => p.Name, StringComparer.Ordinal))
            WritePackage(json, p);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter json, LockedPackage p)
    {
        json.WriteStartObject();
        json.WriteString("name", p.Name);
        json.WriteString("version", p.Version);
        json.WriteString("source", p.Source);
        json.WriteString("fileName", p.FileName);
        json.WriteString("url", p.Url);
        json.WriteString("sha256", p.Sha256);
        if (p.Size is long size) json.WriteNumber("size", size);
        if (p.Requested) json.WriteBoolean("requested", true);
        if (p.NoDeps) json.WriteBoolean("noDeps", true);
        if (p.BuildFromSource) json.WriteBoolean("buildFromSource", true);
        json.WriteStartArray("dependencies");
        foreach (var d in p.Dependencies
                     .OrderBy(d => d.Name, StringComparer.Ordinal)
                     .ThenBy(d => d.Requirement, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", d.Name);
            if (d.Extras.Count > 0)
            {
                json.WriteStartArray("extras");
                foreach (var e in d.Extras.OrderBy(e => e, StringComparer.Ordinal)) json.WriteStringValue(e);
                json.WriteEndArray();
            }
            if (d.Requirement is not null) json.WriteString("requirement", d.Requirement);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
