using System.Diagnostics;
using System.Text.Json;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Tests.Caching;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Installation;

/// <summary>cases.md 22–34 and the finalize_record_lines vector: installing into a scheme, and uninstalling.</summary>
public class WheelInstallerTests
{
    [Fact]
    public async Task Case23_fancy_installs_scripts_files_and_a_regenerated_record()
    {
        using var dir = new ScratchFolder();
        var wheel = await Fancy.UnpackAsync(dir, Fancy.Builder());
        var scheme = Fancy.Scheme(dir.Sub("env"));

        var result = WheelInstaller.Install(wheel, scheme);

        Assert.Equal(
            [
                "data/fancy/data.py",
                "purelib/fancy-1.0.0.dist-info/INSTALLER",
                "purelib/fancy-1.0.0.dist-info/METADATA",
                "purelib/fancy-1.0.0.dist-info/RECORD",
                "purelib/fancy-1.0.0.dist-info/WHEEL",
                "purelib/fancy-1.0.0.dist-info/entry_points.txt",
                "purelib/fancy-1.0.0.dist-info/top_level.txt",
                "purelib/fancy/__init__.py",
                "purelib/fancy/__main__.py",
                "scripts/fancy",
                "scripts/fancy-gui",
            ],
            Fancy.Files(dir.Sub("env")));
        Assert.Equal("llmpython\n", File.ReadAllText(dir.Sub("env", "purelib", "fancy-1.0.0.dist-info", "INSTALLER")));

        var recordText = File.ReadAllText(Path.Combine(result.DistInfoPath, "RECORD"));
        Assert.StartsWith("fancy-1.0.0.dist-info/RECORD,,\n", recordText);
        var rows = RecordFile.Parse(recordText);
        Assert.Equal(11, rows.Count); // one row per installed file; RECORD's own row is empty
        foreach (var row in rows.Skip(1))
            Assert.True(row.Validate(File.ReadAllBytes(Path.Combine(scheme.Purelib, row.Path))), row.Path);
        Assert.Contains(rows, r => r.Path == "../scripts/fancy");
        Assert.Contains(rows, r => r.Path == "../data/fancy/data.py");
        Assert.StartsWith("#!/my/python\n", File.ReadAllText(dir.Sub("env", "scripts", "fancy")));
    }

    [Fact]
    public async Task Case24_no_entry_points_no_scripts()
    {
        using var dir = new ScratchFolder();
        var wheel = await Fancy.UnpackAsync(dir, new WheelBuilder("plain", "1.0").AddFile("plain.py", "x = 1\n"));
        WheelInstaller.Install(wheel, Fancy.Scheme(dir.Sub("env")));
        Assert.False(Directory.Exists(dir.Sub("env", "scripts")));
        Assert.True(File.Exists(dir.Sub("env", "purelib", "plain.py")));
    }

    [Fact]
    public async Task Case25_root_is_purelib_false_goes_to_platlib()
    {
        using var dir = new ScratchFolder();
        var wheel = await Fancy.UnpackAsync(dir, Fancy.Builder().With(b => b.RootIsPurelib = false));
        var result = WheelInstaller.Install(wheel, Fancy.Scheme(dir.Sub("env")));
        Assert.True(File.Exists(dir.Sub("env", "platlib", "fancy", "__init__.py")));
        Assert.Equal(dir.Sub("env", "platlib", "fancy-1.0.0.dist-info"), result.DistInfoPath);
        Assert.False(Directory.Exists(dir.Sub("env", "purelib")));
    }

    [Fact]
    public async Task Case27_data_schemes_are_mapped()
    {
        using var dir = new ScratchFolder();
        var builder = new WheelBuilder("schemes", "1.0")
            .AddDataFile("purelib", "pure.py", "p")
            .AddDataFile("platlib", "plat.py", "q")
            .AddDataFile("headers", "schemes.h", "h")
            .AddDataFile("scripts", "tool", "#!python\nprint(1)\n")
            .AddDataFile("data", "share/doc.txt", "d");
        var wheel = await Fancy.UnpackAsync(dir, builder);
        WheelInstaller.Install(wheel, Fancy.Scheme(dir.Sub("env")));
        Assert.Equal("p", File.ReadAllText(dir.Sub("env", "purelib", "pure.py")));
        Assert.Equal("q", File.ReadAllText(dir.Sub("env", "platlib", "plat.py")));
        Assert.Equal("h", File.ReadAllText(dir.Sub("env", "headers", "schemes", "schemes.h")));
        Assert.Equal("d", File.ReadAllText(dir.Sub("env", "data", "share", "doc.txt")));
        // Case 31: #!python is rewritten in scripts, and scripts are executable.
        Assert.Equal("#!/my/python\nprint(1)\n", File.ReadAllText(dir.Sub("env", "scripts", "tool")));
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(dir.Sub("env", "scripts", "tool")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public async Task Setuptools_wrappers_of_the_entry_points_in_data_scripts_are_replaced_by_the_launchers()
    {
        using var dir = new ScratchFolder();
        // An old setuptools wheel built on Windows: its own wrappers of 'tool' (console) and 'Tool-Gui' (GUI),
        // one named exactly as the entry point, next to a script of its own and a file that only looks like one.
        var builder = new WheelBuilder("wrapped", "1.0").AddFile("wrapped.py", "def main():\n    return 0\n")
            .AddConsoleScript("tool", "wrapped:main")
            .AddGuiScript("Tool-Gui", "wrapped:main")
            .AddDataFile("scripts", "tool", "#!python\n# setuptools wrapper\n")
            .AddDataFile("scripts", "tool-script.py", "#!python\n# setuptools wrapper\n")
            .AddDataFile("scripts", "tool.exe", "MZ launcher")
            .AddDataFile("scripts", "tool.EXE.Manifest", "<assembly/>")
            .AddDataFile("scripts", "tool.pya", "x")
            .AddDataFile("scripts", "Tool-Gui-script.pyw", "#!pythonw\n")
            .AddDataFile("scripts", "Tool-Gui.exe", "MZ launcher")
            .AddDataFile("scripts", "own-script", "#!python\nprint('own')\n")
            .AddDataFile("scripts", "tool-gui.exe", "another name: entry point names are case-sensitive");
        var wheel = await Fancy.UnpackAsync(dir, builder);

        var result = WheelInstaller.Install(wheel, Fancy.Scheme(dir.Sub("env")));

        Assert.Equal(["Tool-Gui", "own-script", "tool", "tool-gui.exe"], Fancy.Files(dir.Sub("env", "scripts")));
        Assert.Contains("from wrapped import main", File.ReadAllText(dir.Sub("env", "scripts", "tool")));
        Assert.DoesNotContain(result.Record, r => r.Path.Contains("-script.py", StringComparison.Ordinal) || r.Path.EndsWith("tool.exe", StringComparison.Ordinal));
        Assert.Single(result.Record, r => r.Path == "../scripts/tool");
    }

    [Theory]
    [InlineData("0.1", false)]
    [InlineData("1.0", false)]
    [InlineData("1.9", true)]
    [InlineData("1.0.1", true)]
    public async Task A_newer_minor_wheel_version_installs_with_a_warning_naming_the_wheel(string version, bool warns)
    {
        using var dir = new ScratchFolder();
        var wheel = await Fancy.UnpackAsync(dir, Fancy.Builder().With(b => b.WheelVersion = version));

        var result = WheelInstaller.Install(wheel, Fancy.Scheme(dir.Sub("env")));

        Assert.True(File.Exists(dir.Sub("env", "purelib", "fancy", "__init__.py")));
        if (!warns)
        {
            Assert.Empty(result.Warnings);
            return;
        }
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(DiagnosticCodes.Installer.NewerWheelVersion, warning.Code);
        Assert.Equal("fancy", warning.PackageName);
        Assert.Contains($"'fancy-1.0.0-py2.py3-none-any.whl' has Wheel-Version {version}", warning.Message);
    }

    [Fact]
    public async Task Case28_executable_flag_passes_through()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var dir = new ScratchFolder();
        var wheel = await Fancy.UnpackAsync(dir, Fancy.Builder().AddFile("fancy/run.sh", "#!/bin/sh\n", executable: true));
        WheelInstaller.Install(wheel, Fancy.Scheme(dir.Sub("env")));
        Assert.True(File.GetUnixFileMode(dir.Sub("env", "purelib", "fancy", "run.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(dir.Sub("env", "purelib", "fancy", "__init__.py")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(dir.Sub("env", "purelib", "fancy-1.0.0.dist-info", "INSTALLER")).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public async Task Case32_existing_files_are_not_overwritten_unless_asked()
    {
        using var dir = new ScratchFolder();
        var wheel = await Fancy.UnpackAsync(dir, Fancy.Builder());
        var scheme = Fancy.Scheme(dir.Sub("env"));
        Directory.CreateDirectory(dir.Sub("env", "purelib", "fancy"));
        File.WriteAllText(dir.Sub("env", "purelib", "fancy", "__main__.py"), "mine");

        var e = Assert.Throws<LlmPyException>(() => WheelInstaller.Install(wheel, scheme));
        Assert.Equal(DiagnosticCodes.Installer.FileConflict, e.Code);
        Assert.Contains("__main__.py", e.Message);
        Assert.Contains("file exists", e.Message);
        Assert.Equal("mine", File.ReadAllText(dir.Sub("env", "purelib", "fancy", "__main__.py")));
        Assert.False(Directory.Exists(dir.Sub("env", "scripts")));

        WheelInstaller.Install(wheel, scheme, new InstallOptions { OverwriteExisting = true });
        Assert.Equal("import fancy\nfancy.main()\n", File.ReadAllText(dir.Sub("env", "purelib", "fancy", "__main__.py")));
    }

    [Fact]
    public async Task Requested_direct_url_and_installer_metadata()
    {
        using var dir = new ScratchFolder();
        var wheel = await Fancy.UnpackAsync(dir, Fancy.Builder());
        var url = "file:///wheels/fancy-1.0.0-py2.py3-none-any.whl";
        var result = WheelInstaller.Install(wheel, Fancy.Scheme(dir.Sub("env")), new InstallOptions { Requested = true, DirectUrl = url });

        Assert.Equal("", File.ReadAllText(Path.Combine(result.DistInfoPath, "REQUESTED")));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.DistInfoPath, "direct_url.json")));
        Assert.Equal(url, json.RootElement.GetProperty("url").GetString());
        Assert.Equal(wheel.Sha256, json.RootElement.GetProperty("archive_info").GetProperty("hashes").GetProperty("sha256").GetString());
        Assert.Contains(result.Record, r => r.Path == "fancy-1.0.0.dist-info/REQUESTED" && r.Size == 0);
        Assert.Contains(result.Record, r => r.Path == "fancy-1.0.0.dist-info/direct_url.json");
    }

    [Fact]
    public async Task Finalize_record_lines_vector()
    {
        using var dir = new ScratchFolder();
        var vectors = JsonDocument.Parse(File.ReadAllText(TestPaths.Vector("installer", "record-vectors.json"))).RootElement.GetProperty("finalize_record_lines");
        var builder = new WheelBuilder("fin", "1.0")
            .AddDataFile("data", "my_data1.bin", "my data 1")
            .AddDataFile("data", "my_data2.bin", "my data 2")
            .AddDataFile("data", "my_data3,my_data4.bin", "my data 3")
            .AddDataFile("scripts", "my_script", "my script", executable: true)
            .AddDataFile("scripts", "my_script2", "#!python\nmy script")
            .AddConsoleScript("my_entrypoint", "my_module:my_function");
        var wheel = await Fancy.UnpackAsync(dir, builder);
        var result = WheelInstaller.Install(wheel, Fancy.Scheme(dir.Sub("env")));

        var lines = File.ReadAllText(Path.Combine(result.DistInfoPath, "RECORD")).Split('\n');
        var expected = vectors.GetProperty("expected_line_suffixes").EnumerateArray().Select(x => x.GetString()!).ToList();
        Assert.EndsWith(expected[0], lines[0]);
        Assert.Equal("", lines[^1]);
        // The other expected lines appear, in this order, among ours (ours also list the .dist-info files).
        var at = 1;
        foreach (var suffix in expected.Skip(1).Where(s => s.Length > 0))
        {
            while (at < lines.Length && !lines[at].EndsWith(suffix))
                at++;
            Assert.True(at < lines.Length, $"no line ends with {suffix}");
            at++;
        }
    }

    [Fact]
    public async Task Files_are_hardlinked_from_the_unpacked_wheel_or_copied_when_asked()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var dir = new ScratchFolder();
        var wheel = await Fancy.UnpackAsync(dir, Fancy.Builder());
        var linked = WheelInstaller.Install(wheel, Fancy.Scheme(dir.Sub("env1")));
        var copied = WheelInstaller.Install(wheel, Fancy.Scheme(dir.Sub("env2")), new InstallOptions { UseHardLinks = false });

        Assert.True(linked.LinkedFiles >= 6, $"linked {linked.LinkedFiles}");
        Assert.Equal(0, copied.LinkedFiles);
        var source = Path.Combine(wheel.Tree, "fancy", "__init__.py");
        Assert.Equal(Inode(source), Inode(dir.Sub("env1", "purelib", "fancy", "__init__.py")));
        Assert.NotEqual(Inode(source), Inode(dir.Sub("env2", "purelib", "fancy", "__init__.py")));
        Assert.Equal(File.ReadAllText(source), File.ReadAllText(dir.Sub("env2", "purelib", "fancy", "__init__.py")));
    }

    [Fact]
    public async Task A_failure_midway_removes_what_was_written()
    {
        using var dir = new ScratchFolder();
        var wheel = await Fancy.UnpackAsync(dir, Fancy.Builder());
        var scheme = Fancy.Scheme(dir.Sub("env"));
        // A file where the package folder must go: scripts get written, then creating fancy/ fails.
        Directory.CreateDirectory(scheme.Purelib);
        File.WriteAllText(Path.Combine(scheme.Purelib, "fancy"), "in the way");

        var e = Assert.Throws<LlmPyException>(() => WheelInstaller.Install(wheel, scheme));
        Assert.Equal(DiagnosticCodes.Installer.WriteFailed, e.Code);
        Assert.Contains("fancy-1.0.0-py2.py3-none-any.whl", e.Message);
        Assert.Equal(["purelib/fancy"], Fancy.Files(dir.Sub("env")));
    }

    [Fact]
    public async Task Uninstall_removes_every_recorded_file_its_bytecode_and_empty_folders()
    {
        using var dir = new ScratchFolder();
        var wheel = await Fancy.UnpackAsync(dir, Fancy.Builder());
        var scheme = Fancy.Scheme(dir.Sub("env"));
        var result = WheelInstaller.Install(wheel, scheme, new InstallOptions { Requested = true });
        Directory.CreateDirectory(Path.Combine(scheme.Purelib, "fancy", "__pycache__"));
        File.WriteAllText(Path.Combine(scheme.Purelib, "fancy", "__pycache__", "__init__.cpython-311.pyc"), "bytecode");
        File.WriteAllText(Path.Combine(scheme.Purelib, "other.py"), "not fancy's");

        WheelInstaller.Uninstall(result.DistInfoPath, scheme);

        Assert.Equal(["purelib/other.py"], Fancy.Files(dir.Sub("env")));
        Assert.False(Directory.Exists(Path.Combine(scheme.Purelib, "fancy")));
        Assert.False(Directory.Exists(Path.Combine(scheme.Data, "fancy")));
        Assert.True(File.Exists(Path.Combine(wheel.Tree, "fancy", "__init__.py")), "the cache copy survives");
    }

    [Fact]
    public void Uninstall_refuses_a_record_that_reaches_outside_the_environment()
    {
        using var dir = new ScratchFolder();
        var scheme = Fancy.Scheme(dir.Sub("env"));
        var distInfo = Path.Combine(scheme.Purelib, "bad-1.0.dist-info");
        Directory.CreateDirectory(distInfo);
        File.WriteAllText(dir.Sub("precious.txt"), "keep");
        File.WriteAllText(Path.Combine(distInfo, "RECORD"), "../../../precious.txt,,\nbad-1.0.dist-info/RECORD,,\n");

        var e = Assert.Throws<LlmPyException>(() => WheelInstaller.Uninstall(distInfo, scheme));
        Assert.Equal(DiagnosticCodes.Installer.UnsafeUninstall, e.Code);
        Assert.Contains("precious.txt", e.Message);
        Assert.True(File.Exists(dir.Sub("precious.txt")));
        Assert.True(File.Exists(Path.Combine(distInfo, "RECORD")));
    }

    private static string Inode(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return output;
    }
}
