using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace LlmPython.TestSupport;

/// <summary>A wheel written to a <see cref="StaticIndexFolder"/>: its file name, URL path, sha256 and size.</summary>
public sealed record StaticWheel(string FileName, string UrlPath, string Sha256, long Size, string Path);

/// <summary>
/// A PEP 503 index as plain files (<c>simple/&lt;name&gt;/index.html</c> with sha256 fragments and PEP 658
/// metadata files, wheels under <c>packages/</c>) for any static web server, e.g. <see cref="NginxServer.Serve"/>.
/// Big wheels are streamed to disk with incompressible content, never held in memory.
/// </summary>
public sealed class StaticIndexFolder : IDisposable
{
    public StaticIndexFolder(string? root = null)
    {
        Root = root ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "llmpy-static-index-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(System.IO.Path.Combine(Root, "packages"));
    }

    public string Root { get; }

    /// <summary>
    /// Writes <c>&lt;name&gt;-&lt;version&gt;-py3-none-any.whl</c> holding <c>&lt;module&gt;/__init__.py</c> and
    /// <c>&lt;module&gt;/payload.bin</c> of <paramref name="payloadBytes"/> random (incompressible, stored) bytes,
    /// with a correct RECORD, and lists it in the index.
    /// </summary>
    public StaticWheel AddPayloadWheel(string name, string version, long payloadBytes, int seed = 1)
    {
        var module = name.Replace('-', '_');
        var fileName = $"{module}-{version}-py3-none-any.whl";
        var distInfo = $"{module}-{version}.dist-info";
        var metadata = $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n";
        var path = System.IO.Path.Combine(Root, "packages", fileName);
        var record = new StringBuilder();
        using (var zip = new ZipArchive(new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20), ZipArchiveMode.Create))
        {
            void Add(string member, byte[] content)
            {
                using (var s = zip.CreateEntry(member, CompressionLevel.NoCompression).Open()) s.Write(content);
                record.Append($"{member},sha256={UrlSafe(SHA256.HashData(content))},{content.Length}\n");
            }
            Add($"{module}/__init__.py", Encoding.UTF8.GetBytes($"import os\nPAYLOAD = os.path.join(os.path.dirname(__file__), 'payload.bin')\n"));
            var payload = zip.CreateEntry($"{module}/payload.bin", CompressionLevel.NoCompression);
            using (var output = payload.Open())
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var random = new Random(seed);
                var buffer = new byte[1 << 20];
                for (long left = payloadBytes; left > 0; left -= buffer.Length)
                {
                    var chunk = (int)Math.Min(buffer.Length, left);
                    random.NextBytes(buffer.AsSpan(0, chunk));
                    sha.AppendData(buffer, 0, chunk);
                    output.Write(buffer, 0, chunk);
                }
                record.Append($"{module}/payload.bin,sha256={UrlSafe(sha.GetHashAndReset())},{payloadBytes}\n");
            }
            Add($"{distInfo}/METADATA", Encoding.UTF8.GetBytes(metadata));
            Add($"{distInfo}/WHEEL", Encoding.UTF8.GetBytes("Wheel-Version: 1.0\nGenerator: llmpython-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"));
            record.Append($"{distInfo}/RECORD,,\n");
            using (var s = zip.CreateEntry($"{distInfo}/RECORD", CompressionLevel.NoCompression).Open()) s.Write(Encoding.UTF8.GetBytes(record.ToString()));
        }

        string sha256;
        using (var stream = File.OpenRead(path)) sha256 = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
        var metadataBytes = Encoding.UTF8.GetBytes(metadata);
        File.WriteAllBytes(path + ".metadata", metadataBytes);
        var metadataSha = Convert.ToHexString(SHA256.HashData(metadataBytes)).ToLowerInvariant();
        var page = System.IO.Path.Combine(Root, "simple", WheelNormalized(name));
        Directory.CreateDirectory(page);
        File.WriteAllText(System.IO.Path.Combine(page, "index.html"),
            $"<!DOCTYPE html><html><body><a href=\"../../packages/{fileName}#sha256={sha256}\" data-core-metadata=\"sha256={metadataSha}\" data-dist-info-metadata=\"sha256={metadataSha}\">{fileName}</a></body></html>\n");
        return new StaticWheel(fileName, "/packages/" + fileName, sha256, new FileInfo(path).Length, path);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    private static string WheelNormalized(string name) => System.Text.RegularExpressions.Regex.Replace(name, "[-_.]+", "-").ToLowerInvariant();

    private static string UrlSafe(byte[] hash) => Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
