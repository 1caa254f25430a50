using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmPython.TestSupport;

/// <summary>
/// Builds a wheel (PEP 427) in memory for tests: metadata, files, <c>.data/</c> files, entry points and a
/// correct RECORD, plus knobs that make it malicious (traversal, absolute names, symlinks, bad RECORD).
/// The output is deterministic: same inputs, same bytes.
/// </summary>
public sealed class WheelBuilder
{
    private static readonly DateTimeOffset FixedTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<Member> _members = [];
    private readonly List<(string Name, string Target, string Section)> _entryPoints = [];
    private readonly List<(string Name, byte[] Content)> _distInfoFiles = [];
    private readonly HashSet<string> _omitFromRecord = new(StringComparer.Ordinal);
    private readonly HashSet<string> _corruptHash = new(StringComparer.Ordinal);
    private readonly HashSet<string> _corruptSize = new(StringComparer.Ordinal);
    private readonly List<(string Path, byte[] Content)> _recordOnlyRows = [];

    public WheelBuilder(string name, string version)
    {
        Name = name;
        Version = version;
    }

    public string Name { get; }
    public string Version { get; }
    /// <summary>Tag triples of the file name (several make a compressed tag set, e.g. py2.py3-none-any).</summary>
    public string Tag { get; set; } = "py3-none-any";
    public bool RootIsPurelib { get; set; } = true;
    public string WheelVersion { get; set; } = "1.0";
    public string MetadataVersion { get; set; } = "2.1";
    public string? RequiresPython { get; set; }
    public List<string> RequiresDist { get; } = [];
    public List<string> ProvidesExtra { get; } = [];
    /// <summary>Leaves RECORD out of the archive.</summary>
    public bool OmitRecord { get; set; }
    /// <summary>Writes a hash and size on RECORD's own row (forbidden).</summary>
    public bool RecordListsItselfWithHash { get; set; }
    /// <summary>Name of the .dist-info folder (override to build a misnamed wheel).</summary>
    public string? DistInfoNameOverride { get; set; }

    /// <summary>PEP 427 escaped name used in the file name and the .dist-info/.data folders.</summary>
    public string EscapedName => Regex.Replace(Name, "[-_.]+", "_").ToLowerInvariant();
    public string DistInfo => DistInfoNameOverride ?? $"{EscapedName}-{Version}.dist-info";
    public string DataDir => $"{EscapedName}-{Version}.data";
    public string FileName => $"{EscapedName}-{Version}-{Tag}.whl";

    /// <summary>A file at <paramref name="path"/> relative to the wheel root.</summary>
    public WheelBuilder AddFile(string path, string content, bool executable = false) => AddFile(path, Encoding.UTF8.GetBytes(content), executable);

    public WheelBuilder AddFile(string path, byte[] content, bool executable = false)
    {
        _members.Add(new Member(path, content, executable ? 0x81ED : 0x81A4));
        return this;
    }

    /// <summary>A file under <c>&lt;name&gt;-&lt;version&gt;.data/&lt;scheme&gt;/&lt;path&gt;</c>.</summary>
    public WheelBuilder AddDataFile(string scheme, string path, string content, bool executable = false)
        => AddFile($"{DataDir}/{scheme}/{path}", content, executable);

    /// <summary>An extra file inside .dist-info (e.g. top_level.txt, licenses).</summary>
    public WheelBuilder AddDistInfoFile(string name, string content)
    {
        _distInfoFiles.Add((name, Encoding.UTF8.GetBytes(content)));
        return this;
    }

    public WheelBuilder AddConsoleScript(string name, string target)
    {
        _entryPoints.Add((name, target, "console_scripts"));
        return this;
    }

    public WheelBuilder AddGuiScript(string name, string target)
    {
        _entryPoints.Add((name, target, "gui_scripts"));
        return this;
    }

    /// <summary>Any entry point group (only console/gui scripts produce launchers).</summary>
    public WheelBuilder AddEntryPoint(string section, string name, string target)
    {
        _entryPoints.Add((name, target, section));
        return this;
    }

    /// <summary>A zip member with an arbitrary name, written as given (e.g. "../evil.py", "/etc/x", "C:/x").</summary>
    public WheelBuilder AddRawEntry(string zipName, string content, bool inRecord = true)
    {
        _members.Add(new Member(zipName, Encoding.UTF8.GetBytes(content), 0x81A4));
        if (!inRecord)
            _omitFromRecord.Add(zipName);
        return this;
    }

    /// <summary>A zip member marked as a Unix symlink (mode 120777) whose content is the link target.</summary>
    public WheelBuilder AddSymlink(string path, string target)
    {
        _members.Add(new Member(path, Encoding.UTF8.GetBytes(target), 0xA1FF));
        return this;
    }

    /// <summary>A directory entry (name ending in '/'), which installers must ignore.</summary>
    public WheelBuilder AddDirectoryEntry(string path)
    {
        _members.Add(new Member(path.TrimEnd('/') + "/", [], 0x41ED));
        return this;
    }

    /// <summary>RECORD gets a wrong hash for this member.</summary>
    public WheelBuilder CorruptRecordHashOf(string path) { _corruptHash.Add(path); return this; }

    /// <summary>RECORD gets a wrong size for this member.</summary>
    public WheelBuilder CorruptRecordSizeOf(string path) { _corruptSize.Add(path); return this; }

    /// <summary>RECORD lists <paramref name="path"/> (hash and size of <paramref name="content"/>), which the archive does not hold.</summary>
    public WheelBuilder AddRecordOnlyRow(string path, string content)
    {
        _recordOnlyRows.Add((path, Encoding.UTF8.GetBytes(content)));
        return this;
    }

    /// <summary>RECORD does not list this member.</summary>
    public WheelBuilder OmitFromRecord(string path) { _omitFromRecord.Add(path); return this; }

    public string MetadataText()
    {
        var sb = new StringBuilder();
        sb.Append($"Metadata-Version: {MetadataVersion}\nName: {Name}\nVersion: {Version}\n");
        if (RequiresPython is not null)
            sb.Append($"Requires-Python: {RequiresPython}\n");
        foreach (var extra in ProvidesExtra)
            sb.Append($"Provides-Extra: {extra}\n");
        foreach (var requirement in RequiresDist)
            sb.Append($"Requires-Dist: {requirement}\n");
        return sb.ToString();
    }

    public string WheelText()
    {
        var sb = new StringBuilder();
        sb.Append($"Wheel-Version: {WheelVersion}\nGenerator: llmpython-tests\nRoot-Is-Purelib: {(RootIsPurelib ? "true" : "false")}\n");
        foreach (var tag in ExpandTags(Tag))
            sb.Append($"Tag: {tag}\n");
        return sb.ToString();
    }

    public string? EntryPointsText()
    {
        if (_entryPoints.Count == 0)
            return null;
        var sb = new StringBuilder();
        foreach (var group in _entryPoints.GroupBy(e => e.Section))
        {
            sb.Append($"[{group.Key}]\n");
            foreach (var (name, target, _) in group)
                sb.Append($"{name} = {target}\n");
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The wheel's bytes.</summary>
    public byte[] Build()
    {
        var members = new List<Member>(_members);
        members.Add(new Member($"{DistInfo}/METADATA", Encoding.UTF8.GetBytes(MetadataText()), 0x81A4));
        members.Add(new Member($"{DistInfo}/WHEEL", Encoding.UTF8.GetBytes(WheelText()), 0x81A4));
        if (EntryPointsText() is { } entryPoints)
            members.Add(new Member($"{DistInfo}/entry_points.txt", Encoding.UTF8.GetBytes(entryPoints), 0x81A4));
        foreach (var (name, content) in _distInfoFiles)
            members.Add(new Member($"{DistInfo}/{name}", content, 0x81A4));

        var recordPath = $"{DistInfo}/RECORD";
        var record = new StringBuilder();
        foreach (var m in members)
        {
            if (m.Name.EndsWith('/') || _omitFromRecord.Contains(m.Name))
                continue;
            var hash = _corruptHash.Contains(m.Name) ? HashOf(Encoding.UTF8.GetBytes("tampered")) : HashOf(m.Content);
            var size = _corruptSize.Contains(m.Name) ? m.Content.Length + 1 : m.Content.Length;
            record.Append($"{CsvField(m.Name)},sha256={hash},{size}\n");
        }
        foreach (var (path, content) in _recordOnlyRows)
            record.Append($"{CsvField(path)},sha256={HashOf(content)},{content.Length}\n");
        record.Append(RecordListsItselfWithHash ? $"{recordPath},sha256={HashOf([])},0\n" : $"{recordPath},,\n");
        if (!OmitRecord)
            members.Add(new Member(recordPath, Encoding.UTF8.GetBytes(record.ToString()), 0x81A4));

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var m in members)
            {
                var entry = zip.CreateEntry(m.Name, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTime;
                entry.ExternalAttributes = m.Mode << 16;
                if (m.Content.Length > 0)
                {
                    using var s = entry.Open();
                    s.Write(m.Content);
                }
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Writes the wheel into <paramref name="folder"/> under <see cref="FileName"/> (or <paramref name="fileName"/>); returns its path.</summary>
    public string WriteTo(string folder, string? fileName = null)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName ?? FileName);
        File.WriteAllBytes(path, Build());
        return path;
    }

    /// <summary>urlsafe base64 of SHA-256 without padding, as RECORD wants it.</summary>
    public static string HashOf(byte[] data)
        => Convert.ToBase64String(SHA256.HashData(data)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lower-case hex SHA-256 (what indexes and lockfiles carry).</summary>
    public static string Sha256Hex(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();

    private static string CsvField(string value)
        => value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static IEnumerable<string> ExpandTags(string tag)
    {
        var parts = tag.Split('-');
        if (parts.Length != 3)
            return [tag];
        return from py in parts[0].Split('.')
               from abi in parts[1].Split('.')
               from plat in parts[2].Split('.')
               select $"{py}-{abi}-{plat}";
    }

    private sealed record Member(string Name, byte[] Content, int Mode);
}
