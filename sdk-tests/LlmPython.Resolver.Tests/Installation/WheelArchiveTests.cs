using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Tests.Caching;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Installation;

/// <summary>cases.md 1–16, 26, 27, 29: opening, checking and extracting a wheel.</summary>
public class WheelArchiveTests
{
    private static LlmPyException Refused(ScratchFolder dir, WheelBuilder builder, string? fileName = null)
    {
        var path = builder.WriteTo(dir.Sub("wheels"), fileName);
        var e = Assert.Throws<LlmPyException>(() => WheelArchive.ExtractVerified(path, dir.Sub("out")));
        return e;
    }

    private static UnpackedWheel Extract(ScratchFolder dir, WheelBuilder builder, string? fileName = null)
    {
        var path = builder.WriteTo(dir.Sub("wheels"), fileName);
        WheelArchive.ExtractVerified(path, dir.Sub("out"));
        return UnpackedWheel.Load(dir.Sub("out"));
    }

    [Fact]
    public void Case01_invalid_wheel_filename_is_refused()
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder(), "fancy.zip");
        Assert.Equal(DiagnosticCodes.Installer.InvalidWheelFileName, e.Code);
        Assert.Contains("fancy.zip", e.Message);
    }

    [Fact]
    public void Case02_to_04_fancy_extracts_with_exact_contents_and_records()
    {
        using var dir = new ScratchFolder();
        var builder = Fancy.Builder();
        var wheel = Extract(dir, builder);

        Assert.Equal("fancy-1.0.0.dist-info", wheel.DistInfo);
        Assert.Equal(["METADATA", "RECORD", "WHEEL", "entry_points.txt", "top_level.txt"],
            Directory.GetFiles(Path.Combine(wheel.Tree, wheel.DistInfo)).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(builder.MetadataText(), File.ReadAllText(Path.Combine(wheel.Tree, wheel.DistInfo, "METADATA")));
        Assert.Equal("def main():\n    print('I am fancy')\n    return 0\n", File.ReadAllText(Path.Combine(wheel.Tree, "fancy", "__init__.py")));
        // Every extracted file is in RECORD with the same hash; directory entries are ignored.
        Assert.Equal(wheel.Record.Keys.Where(k => !k.EndsWith("/RECORD")).Order(StringComparer.Ordinal), wheel.Files.Where(f => !f.EndsWith("/RECORD")));
        foreach (var file in wheel.Files.Where(f => !f.EndsWith("/RECORD")))
            Assert.True(wheel.Record[file].Validate(File.ReadAllBytes(Path.Combine(wheel.Tree, file))), file);
        Assert.Equal("fancy", wheel.Name);
        Assert.Equal("1.0.0", wheel.Version);
        Assert.True(wheel.RootIsPurelib);
    }

    [Fact]
    public void Case05_dist_info_is_found_by_canonical_name()
    {
        using var dir = new ScratchFolder();
        var wheel = Extract(dir, Fancy.Builder(), "Fancy-1.0.0-py2.py3-none-any.whl");
        Assert.Equal("fancy-1.0.0.dist-info", wheel.DistInfo);
    }

    [Fact]
    public void Case06_misnamed_wheel_names_file_and_dist_info()
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder(), "misnamed-1.0.0-py2.py3-none-any.whl");
        Assert.Equal(DiagnosticCodes.Installer.InvalidLayout, e.Code);
        Assert.Contains("misnamed-1.0.0-py2.py3-none-any.whl", e.Message);
        Assert.Contains("fancy-1.0.0.dist-info", e.Message);
    }

    [Fact]
    public void Case07_two_dist_info_folders_are_refused()
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder().AddFile("name-1.0.0.dist-info/random.txt", "x"));
        Assert.Equal(DiagnosticCodes.Installer.InvalidLayout, e.Code);
        Assert.Contains("exactly one .dist-info", e.Message);
        Assert.Contains("name-1.0.0.dist-info", e.Message);
        Assert.Contains("fancy-1.0.0.dist-info", e.Message);
    }

    [Fact]
    public void Case08_data_and_dist_info_names()
    {
        using var dir = new ScratchFolder();
        var wheel = Extract(dir, new WheelBuilder("distribution", "version").AddFile("distribution/__init__.py", ""), "distribution-version-py3-none-any.whl");
        Assert.Equal("distribution-version.dist-info", wheel.DistInfo);
        Assert.Equal("distribution-version.data", wheel.DataDir);
    }

    [Fact]
    public void Case09_missing_record()
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder().With(b => b.OmitRecord = true));
        Assert.Equal(DiagnosticCodes.Installer.InvalidRecord, e.Code);
        Assert.Contains("Unable to retrieve `RECORD`", e.Message);
    }

    [Fact]
    public void Case10_record_row_without_algorithm_is_unparseable_or_invalid()
    {
        // A hash without "algorithm=" parses (case 18) but cannot be checked: refused either way.
        using var dir = new ScratchFolder();
        var builder = Fancy.Builder();
        var path = builder.WriteTo(dir.Sub("wheels"));
        RewriteRecord(path, builder, text => text.Replace("sha256=", ""));
        var e = Assert.Throws<LlmPyException>(() => WheelArchive.ExtractVerified(path, dir.Sub("out")));
        Assert.Equal(DiagnosticCodes.Installer.InvalidRecord, e.Code);
    }

    [Fact]
    public void Case11_file_not_mentioned_in_record()
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder().OmitFromRecord("fancy/__main__.py"));
        Assert.Equal(DiagnosticCodes.Installer.InvalidRecord, e.Code);
        Assert.Contains("fancy/__main__.py", e.Message);
        Assert.Contains("not mentioned in RECORD", e.Message);
    }

    [Fact]
    public void Case12_empty_hash_and_size()
    {
        using var dir = new ScratchFolder();
        var builder = Fancy.Builder();
        var path = builder.WriteTo(dir.Sub("wheels"));
        RewriteRecord(path, builder, text => string.Join("\n", text.Split('\n').Select(l => l.StartsWith("fancy/__init__.py,") ? "fancy/__init__.py,," : l)));
        var e = Assert.Throws<LlmPyException>(() => WheelArchive.ExtractVerified(path, dir.Sub("out")));
        Assert.Equal(DiagnosticCodes.Installer.InvalidRecord, e.Code);
        Assert.Contains("hash / size of 'fancy/__init__.py' is not included in RECORD", e.Message);
    }

    [Fact]
    public void Case13_record_row_with_hash()
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder().With(b => b.RecordListsItselfWithHash = true));
        Assert.Equal(DiagnosticCodes.Installer.InvalidRecord, e.Code);
        Assert.Contains("RECORD file incorrectly contains hash / size", e.Message);
    }

    [Fact]
    public async Task Case14_wrong_hash_names_the_file_and_leaves_nothing_in_the_cache()
    {
        using var dir = new ScratchFolder();
        var builder = Fancy.Builder().CorruptRecordHashOf("fancy/__init__.py");
        var e = Refused(dir, builder);
        Assert.Equal(DiagnosticCodes.Installer.RecordMismatch, e.Code);
        Assert.Contains("fancy/__init__.py", e.Message);
        Assert.Contains("didn't match RECORD", e.Message);

        // Through the cache: the failed producer leaves no entry behind.
        var path = Path.Combine(dir.Sub("wheels"), builder.FileName);
        var store = new UnpackedWheelStore(new LlmPython.Resolver.Caching.CacheStore(dir.Sub("cache")));
        var sha = RecordHash.FileSha256Hex(path);
        await Assert.ThrowsAsync<LlmPyException>(() => store.GetAsync(path, sha));
        Assert.Null(store.Cache.TryGet(UnpackedWheelStore.Bucket, sha));
        Assert.DoesNotContain(Fancy.Files(dir.Sub("cache")), f => !f.EndsWith(".lock"));
    }

    [Fact]
    public void Case14b_wrong_size()
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder().CorruptRecordSizeOf("fancy/__main__.py"));
        Assert.Equal(DiagnosticCodes.Installer.RecordMismatch, e.Code);
        Assert.Contains("fancy/__main__.py", e.Message);
    }

    [Fact]
    public void Case15_unknown_hash_algorithm()
    {
        using var dir = new ScratchFolder();
        var builder = Fancy.Builder();
        var path = builder.WriteTo(dir.Sub("wheels"));
        RewriteRecord(path, builder, text => text.Replace("sha256=", "sha="));
        var e = Assert.Throws<LlmPyException>(() => WheelArchive.ExtractVerified(path, dir.Sub("out")));
        Assert.Equal(DiagnosticCodes.Installer.InvalidRecord, e.Code);
        Assert.Contains("invalid hash algorithm 'sha'", e.Message);
    }

    [Fact]
    public void Case16_signature_file_not_in_record_is_accepted()
    {
        using var dir = new ScratchFolder();
        var wheel = Extract(dir, Fancy.Builder().AddRawEntry("fancy-1.0.0.dist-info/RECORD.jws", "{}", inRecord: false));
        Assert.Contains("fancy-1.0.0.dist-info/RECORD.jws", wheel.Files);
    }

    [Fact]
    public void Case16b_signature_file_listed_in_record_is_refused()
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder().AddRawEntry("fancy-1.0.0.dist-info/RECORD.jws", "{}"));
        Assert.Equal(DiagnosticCodes.Installer.InvalidRecord, e.Code);
        Assert.Contains("RECORD.jws is incorrectly contained in RECORD", e.Message);
    }

    [Fact]
    public void Case26_newer_minor_wheel_version_installs()
    {
        using var dir = new ScratchFolder();
        var wheel = Extract(dir, Fancy.Builder().With(b => b.WheelVersion = "1.1"));
        Assert.True(wheel.WheelVersion.IsNewerThanSupported); // WheelInstallerTests: installed with LLMPY0815
    }

    [Theory]
    [InlineData("0.1")] // older tools wrote it; pip installs it
    [InlineData("1.0")]
    [InlineData("1")]
    public void Case26_older_and_current_wheel_versions_install(string version)
    {
        using var dir = new ScratchFolder();
        var wheel = Extract(dir, Fancy.Builder().With(b => b.WheelVersion = version));
        Assert.False(wheel.WheelVersion.IsNewerThanSupported);
    }

    [Fact]
    public void Case26b_newer_major_wheel_version_is_refused()
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder().With(b => b.WheelVersion = "2.0"));
        Assert.Equal(DiagnosticCodes.Installer.IncompatibleWheelVersion, e.Code);
        Assert.Contains("'fancy-1.0.0-py2.py3-none-any.whl' has Wheel-Version 2.0, a major version this installer does not support", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("one")]
    [InlineData("1.x")]
    public void Case26c_a_wheel_version_that_is_no_version_is_refused(string version)
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder().With(b => b.WheelVersion = version));
        Assert.Equal(DiagnosticCodes.Installer.IncompatibleWheelVersion, e.Code);
        Assert.Contains("fancy-1.0.0.dist-info/WHEEL", e.Message);
    }

    [Fact]
    public void Case27_unknown_data_scheme_names_the_path()
    {
        using var dir = new ScratchFolder();
        var e = Refused(dir, Fancy.Builder().AddDataFile("invalid", "fancy/x.py", "x"));
        Assert.Equal(DiagnosticCodes.Installer.UnknownDataScheme, e.Code);
        Assert.Contains("fancy-1.0.0.data/invalid/fancy/x.py", e.Message);
    }

    [Fact]
    public void Case29_pycache_files_are_not_extracted()
    {
        using var dir = new ScratchFolder();
        var wheel = Extract(dir, Fancy.Builder().AddFile("__pycache__/top.cpython-311.pyc", "x").AddFile("fancy/__pycache__/__init__.cpython-311.pyc", "x"));
        Assert.DoesNotContain(wheel.Files, f => f.Contains("__pycache__"));
        Assert.DoesNotContain(Fancy.Files(wheel.Tree), f => f.Contains("__pycache__"));
    }

    [Fact]
    public void Executable_bit_is_kept_from_the_archive()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var dir = new ScratchFolder();
        var wheel = Extract(dir, Fancy.Builder().AddFile("fancy/tool.sh", "#!/bin/sh\n", executable: true));
        Assert.True(File.GetUnixFileMode(Path.Combine(wheel.Tree, "fancy", "tool.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(wheel.Tree, "fancy", "__init__.py")).HasFlag(UnixFileMode.UserExecute));
    }

    /// <summary>Replaces the RECORD member of a written wheel.</summary>
    private static void RewriteRecord(string wheelPath, WheelBuilder builder, Func<string, string> change)
    {
        using var zip = System.IO.Compression.ZipFile.Open(wheelPath, System.IO.Compression.ZipArchiveMode.Update);
        var entry = zip.GetEntry($"{builder.DistInfo}/RECORD")!;
        string text;
        using (var reader = new StreamReader(entry.Open()))
            text = reader.ReadToEnd();
        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry($"{builder.DistInfo}/RECORD").Open());
        writer.Write(change(text));
    }
}

internal static class WheelBuilderExtensions
{
    public static WheelBuilder With(this WheelBuilder builder, Action<WheelBuilder> change)
    {
        change(builder);
        return builder;
    }
}
