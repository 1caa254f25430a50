using System.Text.Json;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// A wheel already verified and extracted (normally in the cache): the source of installs by hardlink.
/// </summary>
public sealed class UnpackedWheel
{
    private UnpackedWheel(string folder, UnpackedWheelManifest manifest, HeaderFile wheelFile, HeaderFile metadata, IReadOnlyDictionary<string, RecordEntry> record, string? entryPoints)
    {
        Folder = folder;
        FileName = manifest.FileName;
        Sha256 = manifest.Sha256;
        DistInfo = manifest.DistInfo;
        Files = manifest.Files;
        Name = metadata["Name"] ?? DistInfo.Split('-')[0];
        Version = metadata["Version"] ?? "";
        RootIsPurelib = string.Equals(wheelFile["Root-Is-Purelib"], "true", StringComparison.OrdinalIgnoreCase);
        WheelVersion = WheelFormatVersion.TryParse(wheelFile["Wheel-Version"]) ?? throw new FormatException("WHEEL has no valid Wheel-Version");
        Record = record;
        EntryPoints = entryPoints is null ? [] : ScriptEntryPoint.Parse(entryPoints);
    }

    /// <summary>The unpacked folder (holds <c>tree/</c> and <c>wheel.json</c>).</summary>
    public string Folder { get; }
    /// <summary>Where the archive's files are, under their archive names.</summary>
    public string Tree => Path.Combine(Folder, WheelArchive.TreeFolder);
    public string FileName { get; }
    /// <summary>Lower-case hex sha256 of the wheel file.</summary>
    public string Sha256 { get; }
    /// <summary>The Name of METADATA, as written there.</summary>
    public string Name { get; }
    public string Version { get; }
    /// <summary>".dist-info" folder name, e.g. <c>fancy-1.0.0.dist-info</c>.</summary>
    public string DistInfo { get; }
    /// <summary>".data" folder name (may be absent from the wheel).</summary>
    public string DataDir => DistInfo[..^".dist-info".Length] + ".data";
    public bool RootIsPurelib { get; }
    /// <summary>Wheel-Version of WHEEL (its major version was checked at extraction).</summary>
    public WheelFormatVersion WheelVersion { get; }
    /// <summary>Archive paths of the extracted files (no directories, no __pycache__).</summary>
    public IReadOnlyList<string> Files { get; }
    /// <summary>RECORD of the wheel by normalized path (verified at extraction).</summary>
    public IReadOnlyDictionary<string, RecordEntry> Record { get; }
    public IReadOnlyList<ScriptEntryPoint> EntryPoints { get; }

    /// <summary>Opens a folder written by <see cref="WheelArchive.ExtractVerified"/>.</summary>
    public static UnpackedWheel Load(string folder)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(folder, WheelArchive.ManifestFile)), UnpackedWheelManifestJson.Default.UnpackedWheelManifest)
                ?? throw new FormatException("empty manifest");
            var distInfo = Path.Combine(folder, WheelArchive.TreeFolder, manifest.DistInfo);
            var wheelFile = HeaderFile.Parse(File.ReadAllText(Path.Combine(distInfo, "WHEEL")));
            var metadata = HeaderFile.Parse(File.ReadAllText(Path.Combine(distInfo, "METADATA")));
            var record = RecordFile.Parse(File.ReadAllText(Path.Combine(distInfo, "RECORD")))
                .GroupBy(r => r.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
            var entryPointsPath = Path.Combine(distInfo, "entry_points.txt");
            var entryPoints = File.Exists(entryPointsPath) ? File.ReadAllText(entryPointsPath) : null;
            return new UnpackedWheel(folder, manifest, wheelFile, metadata, record, entryPoints);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            throw new LlmPyException(DiagnosticCodes.Installer.InvalidLayout,
                $"The unpacked wheel at '{folder}' is unreadable ({e.Message}). Delete that folder from the cache and build again.", e);
        }
    }
}
