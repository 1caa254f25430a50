using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Tests.Caching;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Installation;

/// <summary>A wheel big enough to be extracted by several workers: every byte still checked against RECORD.</summary>
public sealed class WheelArchiveParallelTests
{
    private static WheelBuilder BigWheel(out Dictionary<string, byte[]> contents)
    {
        var builder = new WheelBuilder("bigpkg", "1.0");
        contents = [];
        var random = new Random(11);
        for (var i = 0; i < 48; i++)
        {
            var bytes = new byte[(i % 3 + 1) * 512 * 1024];
            random.NextBytes(bytes);
            var path = $"bigpkg/part{i:00}.bin";
            contents[path] = bytes;
            builder.AddFile(path, bytes);
        }
        return builder.AddFile("bigpkg/__init__.py", "");
    }

    [Fact]
    public void Every_member_of_a_big_wheel_is_extracted_and_listed()
    {
        using var dir = new ScratchFolder();
        var path = BigWheel(out var contents).WriteTo(dir.Sub("wheels"));

        WheelArchive.ExtractVerified(path, dir.Sub("out"));

        var unpacked = UnpackedWheel.Load(dir.Sub("out"));
        foreach (var (member, bytes) in contents)
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(unpacked.Tree, member)));
        Assert.Equal(unpacked.Files.OrderBy(f => f, StringComparer.Ordinal), unpacked.Files);
        Assert.Equal(contents.Count + 4, unpacked.Files.Count); // + __init__.py, METADATA, WHEEL, RECORD
    }

    [Fact]
    public void A_corrupt_member_of_a_big_wheel_is_LLMPY0806_naming_it()
    {
        using var dir = new ScratchFolder();
        var path = BigWheel(out _).CorruptRecordHashOf("bigpkg/part17.bin").WriteTo(dir.Sub("wheels"));

        var e = Assert.Throws<LlmPyException>(() => WheelArchive.ExtractVerified(path, dir.Sub("out")));

        Assert.Equal(DiagnosticCodes.Installer.RecordMismatch, e.Code);
        Assert.Contains("bigpkg/part17.bin", e.Message);
    }
}
