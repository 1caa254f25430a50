using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Tests.Caching;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Installation;

/// <summary>Hostile wheels are refused before anything is written, and nothing lands outside the cache entry.</summary>
public class MaliciousWheelTests
{
    private static readonly string TestsRoot = Path.Combine(Path.GetTempPath(), "llmpy-tests");

    public static TheoryData<string> TraversalNames() => new()
    {
        "../EVIL.py",
        "../../../../EVIL.py",
        "fancy/../../EVIL.py",
        "fancy\\..\\..\\EVIL.py",
        "/tmp/EVIL.py",
        "C:/EVIL.py",
        "C:EVIL.py",
        "fancy/a:EVIL.py",
    };

    [Theory]
    [MemberData(nameof(TraversalNames))]
    public async Task Unsafe_member_paths_are_refused_and_nothing_is_written(string template)
    {
        using var dir = new ScratchFolder();
        var evil = "evil" + Guid.NewGuid().ToString("N")[..8];
        var e = await RefusedAsync(dir, Fancy.Builder().AddRawEntry(template.Replace("EVIL", evil), "import os"));
        Assert.Equal(DiagnosticCodes.Installer.UnsafePath, e.Code);
        Assert.Contains("fancy-1.0.0-py2.py3-none-any.whl", e.Message);
        Assert.Contains(evil, e.Message);
        AssertNowhere(evil, dir);
    }

    [Fact]
    public async Task Symlink_members_are_refused()
    {
        using var dir = new ScratchFolder();
        var e = await RefusedAsync(dir, Fancy.Builder().AddSymlink("fancy/passwd", "/etc/passwd"));
        Assert.Equal(DiagnosticCodes.Installer.SpecialMember, e.Code);
        Assert.Equal("fancy", e.PackageName); // so the build points at the item that asked for the wheel
        Assert.Contains("fancy/passwd", e.Message);
        Assert.Contains("symbolic link", e.Message);
        Assert.False(File.Exists(Path.Combine(dir.Path, "cache", "fancy", "passwd")));
    }

    [Fact]
    public async Task Duplicate_members_are_refused()
    {
        using var dir = new ScratchFolder();
        var e = await RefusedAsync(dir, Fancy.Builder().AddRawEntry("fancy/__init__.py", "evil = True"));
        Assert.Equal(DiagnosticCodes.Installer.InvalidLayout, e.Code);
        Assert.Contains("fancy/__init__.py", e.Message);
    }

    [Fact]
    public async Task Record_rows_with_traversal_are_refused()
    {
        using var dir = new ScratchFolder();
        var evil = "evil" + Guid.NewGuid().ToString("N")[..8];
        var builder = Fancy.Builder();
        var path = builder.WriteTo(dir.Sub("wheels"));
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry($"{builder.DistInfo}/RECORD")!;
            string text;
            using (var reader = new StreamReader(entry.Open()))
                text = reader.ReadToEnd();
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry($"{builder.DistInfo}/RECORD").Open());
            writer.Write(text + $"../../{evil}.py,sha256=x,1\n");
        }
        var store = new UnpackedWheelStore(new CacheStore(dir.Sub("cache")));
        var e = await Assert.ThrowsAsync<LlmPyException>(() => store.GetAsync(path, RecordHash.FileSha256Hex(path)));
        Assert.Equal(DiagnosticCodes.Installer.UnsafePath, e.Code);
        AssertNowhere(evil, dir);
    }

    [Fact]
    public async Task A_wheel_whose_bytes_differ_from_the_expected_sha256_is_refused()
    {
        using var dir = new ScratchFolder();
        var path = Fancy.Builder().WriteTo(dir.Sub("wheels"));
        var store = new UnpackedWheelStore(new CacheStore(dir.Sub("cache")));
        var e = await Assert.ThrowsAsync<LlmPyException>(() => store.GetAsync(path, new string('0', 64)));
        Assert.Equal(DiagnosticCodes.Cache.HashMismatch, e.Code);
        Assert.Contains("fancy-1.0.0-py2.py3-none-any.whl", e.Message);
        Assert.Null(store.Cache.TryGet(UnpackedWheelStore.Bucket, new string('0', 64)));
    }

    [Fact]
    public async Task Entry_point_names_cannot_leave_the_scripts_folder()
    {
        using var dir = new ScratchFolder();
        var evil = "evil" + Guid.NewGuid().ToString("N")[..8];
        var e = await RefusedAsync(dir, Fancy.Builder().AddConsoleScript($"../{evil}", "fancy:main"));
        Assert.Equal(DiagnosticCodes.Installer.InvalidLayout, e.Code);
        Assert.Contains("entry_points.txt", e.Message);
        AssertNowhere(evil, dir);
    }

    private static async Task<LlmPyException> RefusedAsync(ScratchFolder dir, WheelBuilder builder)
    {
        var path = builder.WriteTo(dir.Sub("wheels"));
        var store = new UnpackedWheelStore(new CacheStore(dir.Sub("cache")));
        var sha = RecordHash.FileSha256Hex(path);
        var e = await Assert.ThrowsAsync<LlmPyException>(() => store.GetAsync(path, sha));
        Assert.Null(store.Cache.TryGet(UnpackedWheelStore.Bucket, sha));
        Assert.DoesNotContain(Fancy.Files(dir.Sub("cache")), f => !f.EndsWith(".lock"));
        return e;
    }

    /// <summary>No file with <paramref name="marker"/> in its name exists in the test area or /tmp, except inside wheels.</summary>
    private static void AssertNowhere(string marker, ScratchFolder dir)
    {
        var hits = Directory.EnumerateFiles(TestsRoot, "*" + marker + "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles("/tmp", "*" + marker + "*", SearchOption.TopDirectoryOnly));
        Assert.Empty(hits);
        Assert.True(Directory.Exists(dir.Path));
    }
}
