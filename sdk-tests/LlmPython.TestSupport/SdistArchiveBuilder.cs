using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace LlmPython.TestSupport;

/// <summary>Writes a real <c>name-version.tar.gz</c> source distribution (one top folder) from text files.</summary>
public sealed class SdistArchiveBuilder(string name, string version)
{
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    public string FileName => $"{name.Replace('-', '_')}-{version}.tar.gz";

    public SdistArchiveBuilder Add(string path, string text)
    {
        _files[path] = text.Replace("\r\n", "\n");
        return this;
    }

    /// <summary>PKG-INFO with this Metadata-Version, the given Requires-Dist and Dynamic fields.</summary>
    public SdistArchiveBuilder PkgInfo(string metadataVersion, IEnumerable<string>? requiresDist = null, IEnumerable<string>? dynamic = null)
    {
        var text = new StringBuilder($"Metadata-Version: {metadataVersion}\nName: {name}\nVersion: {version}\n");
        foreach (var d in dynamic ?? []) text.Append("Dynamic: ").Append(d).Append('\n');
        foreach (var r in requiresDist ?? []) text.Append("Requires-Dist: ").Append(r).Append('\n');
        return Add("PKG-INFO", text.ToString());
    }

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            var top = $"{name.Replace('-', '_')}-{version}";
            tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, top + "/") { Mode = (UnixFileMode)0x1ED });
            foreach (var (path, text) in _files)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"{top}/{path}")
                {
                    Mode = (UnixFileMode)0x1A4,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                });
        }
        return buffer.ToArray();
    }
}
