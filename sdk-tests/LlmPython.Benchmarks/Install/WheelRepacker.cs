using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace LlmPython.Benchmarks.Install;

/// <summary>
/// Turns an installed distribution back into a wheel: its files as installed, its own METADATA/WHEEL/
/// entry_points.txt, and a fresh RECORD. The file name takes the tags from the installed WHEEL file.
/// Entries are sorted and time-stamped with a fixed date, so the same site-packages gives the same bytes.
/// </summary>
internal static class WheelRepacker
{
    private static readonly DateTimeOffset FixedTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record RepackedWheel(string FileName, byte[] Content, int FileCount, long InstalledBytes);

    public static RepackedWheel Repack(string sitePackages, InstalledDistribution distribution)
    {
        var fileName = $"{distribution.Name}-{distribution.Version}-{CompressedTag(Path.Combine(sitePackages, distribution.DistInfo, "WHEEL"))}.whl";
        var record = new StringBuilder();
        long bytes = 0;
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var path in distribution.Files)
            {
                var full = Path.Combine(sitePackages, path);
                var content = File.ReadAllBytes(full);
                bytes += content.Length;
                var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
                entry.LastWriteTime = FixedTime;
                var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(full) & UnixFileMode.UserExecute) != 0;
                entry.ExternalAttributes = (executable ? 0x81ED : 0x81A4) << 16;
                using (var s = entry.Open()) s.Write(content);
                record.Append(Csv(path)).Append(",sha256=").Append(RecordHash(content)).Append(',').Append(content.Length).Append('\n');
            }
            var recordPath = distribution.DistInfo + "/RECORD";
            record.Append(recordPath).Append(",,\n");
            var recordEntry = zip.CreateEntry(recordPath, CompressionLevel.Fastest);
            recordEntry.LastWriteTime = FixedTime;
            recordEntry.ExternalAttributes = 0x81A4 << 16;
            using (var s = recordEntry.Open()) s.Write(Encoding.UTF8.GetBytes(record.ToString()));
        }
        return new RepackedWheel(fileName, buffer.ToArray(), distribution.Files.Count + 1, bytes);
    }

    /// <summary>"cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64" from the WHEEL file's Tag lines.</summary>
    private static string CompressedTag(string wheelFile)
    {
        var tags = File.ReadLines(wheelFile)
            .Where(l => l.StartsWith("Tag:", StringComparison.Ordinal))
            .Select(l => l[4..].Trim().Split('-'))
            .Where(t => t.Length == 3).ToList();
        if (tags.Count == 0) return "py3-none-any";
        string Part(int i) => string.Join('.', tags.Select(t => t[i]).Distinct());
        return $"{Part(0)}-{Part(1)}-{Part(2)}";
    }

    private static string RecordHash(byte[] data) =>
        Convert.ToBase64String(SHA256.HashData(data)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
