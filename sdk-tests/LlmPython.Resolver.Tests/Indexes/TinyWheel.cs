using System.IO.Compression;
using System.Text;

namespace LlmPython.Resolver.Tests.Indexes;

/// <summary>Minimal in-memory wheels for index tests (the real WheelBuilder lives in TestSupport).</summary>
internal static class TinyWheel
{
    public static string Metadata(string name, string version, params string[] requires) =>
        $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + string.Concat(requires.Select(r => $"Requires-Dist: {r}\n")) + "\n";

    /// <summary>A wheel with METADATA, a module and optional padding (to make range reads meaningful).</summary>
    public static byte[] Build(string name, string version, int padding = 0, params string[] requires)
    {
        var distInfo = $"{name.Replace('-', '_')}-{version}.dist-info";
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, $"{name.Replace('-', '_')}/__init__.py", "VALUE = 1\n");
            if (padding > 0)
            {
                var rnd = new Random(42);
                var bytes = new byte[padding];
                rnd.NextBytes(bytes);
                var e = zip.CreateEntry($"{name.Replace('-', '_')}/blob.bin", CompressionLevel.NoCompression);
                using var s = e.Open();
                s.Write(bytes);
            }
            Add(zip, $"{distInfo}/METADATA", Metadata(name, version, requires));
            Add(zip, $"{distInfo}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
            Add(zip, $"{distInfo}/RECORD", "");
        }
        return ms.ToArray();
    }

    /// <summary>A wheel whose central directory is larger than the first range read (thousands of members).</summary>
    public static byte[] BuildWithManyMembers(string name, string version, int members)
    {
        var distInfo = $"{name}-{version}.dist-info";
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < members; i++)
                Add(zip, $"{name}/generated/module_with_a_rather_long_name_{i:D5}.py", "");
            Add(zip, $"{distInfo}/METADATA", Metadata(name, version));
            Add(zip, $"{distInfo}/RECORD", "");
        }
        return ms.ToArray();
    }

    private static void Add(ZipArchive zip, string path, string text)
    {
        var e = zip.CreateEntry(path);
        using var s = e.Open();
        s.Write(Encoding.UTF8.GetBytes(text));
    }
}
