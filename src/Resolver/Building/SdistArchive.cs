using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Indexes;

namespace LlmPython.Resolver.Building;

/// <summary>A source distribution (<c>.tar.gz</c> or legacy <c>.zip</c>): its PKG-INFO, and its tree unpacked safely.</summary>
public static class SdistArchive
{
    /// <summary>The top-level <c>PKG-INFO</c> (<c>name-version/PKG-INFO</c>) without unpacking the rest, or null.</summary>
    public static string? ReadPkgInfo(string path, string fileName)
    {
        foreach (var (name, read) in Entries(path, fileName))
        {
            var parts = name.Replace('\\', '/').Trim('/').Split('/');
            if (parts.Length == 2 && parts[1] == "PKG-INFO") return Encoding.UTF8.GetString(read());
        }
        return null;
    }

    /// <summary>Unpacks into <paramref name="destination"/> and returns the project folder (the single top-level folder, PEP 625).</summary>
    public static string Extract(string path, string fileName, string destination)
    {
        Directory.CreateDirectory(destination);
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        foreach (var (name, read) in Entries(path, fileName))
        {
            var relative = name.Replace('\\', '/').TrimStart('/');
            if (relative.Length == 0) continue;
            var target = Path.GetFullPath(Path.Combine(destination, relative));
            if (!target.StartsWith(root, StringComparison.Ordinal) || relative.Split('/').Contains(".."))
                throw new LlmPyException(DiagnosticCodes.SourceBuild.InvalidSdist,
                    $"The source distribution {fileName} has an entry '{name}' outside its folder; it is not unpacked. Use a wheel of this package instead.")
                { PackageName = ProjectNames.ProjectOf(fileName) };
            if (relative.EndsWith('/')) { Directory.CreateDirectory(target); continue; }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, read());
        }
        var tops = Directory.GetDirectories(destination);
        return tops.Length == 1 && Directory.GetFiles(destination).Length == 0 ? tops[0] : destination;
    }

    /// <summary>Regular files and folders of the archive (links and devices are skipped), with a reader for each file.</summary>
    private static IEnumerable<(string Name, Func<byte[]> Read)> Entries(string path, string fileName)
    {
        if (fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries)
                yield return (entry.FullName, () => { using var s = entry.Open(); return ReadAll(s); });
            yield break;
        }
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        TarEntry? e;
        while ((e = tar.GetNextEntry()) is not null)
        {
            var entry = e;
            if (entry.EntryType is TarEntryType.Directory)
                yield return (entry.Name.TrimEnd('/') + "/", () => []);
            else if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)
                yield return (entry.Name, () => entry.DataStream is null ? [] : ReadAll(entry.DataStream));
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
