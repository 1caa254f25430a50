using LlmPython.Resolver.Diagnostics;
using System.Security;
using System.Text;
using System.Text.Json;
using LlmPython.Resolver.Installation;
using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// "Install every wheel pip installs, as pip installs it": wheels of every shape the tests build themselves are
/// installed by a real <c>dotnet build</c> (<c>&lt;PythonPackage Include="wheels/x.whl" NoDeps="true" /&gt;</c>) and
/// by <c>pip install --no-deps --no-index --no-compile</c> into a fresh venv of the same interpreter; the installed
/// file sets, contents, executable bits, launchers (run) and RECORDs are compared. The differences asserted here are
/// the deliberate ones listed in docs/installer.md. Shapes that both install share one build; each refusal has its own.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class WheelInstallParityTests
{
    private const string SitePackages = "lib/python3.11/site-packages";
    private const string EnvironmentStateFile = "llmpython-state.json";
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    /// <summary>The Python both environments run: the entry points print their name and arguments and exit with 3.</summary>
    private const string EntryModule = "import os, sys\n\ndef main():\n    print('main', os.path.basename(sys.argv[0]), sys.argv[1:])\n    return 3\n";

    [Fact]
    public void EveryShapePipInstalls_TheSdkInstallsTheSameWay()
    {
        var shapes = InstallableShapes();
        var project = Project("WheelParity", shapes, out var wheels);

        var build = project.Build().ShouldSucceed();
        var (pip, skeleton) = PipInstall.Run(project.PathOf("pip-venv"), wheels);

        pip.ShouldSucceed();
        var ours = InstalledTree.Read(project.PathOf("obj/python/venv"));
        var theirs = InstalledTree.Read(project.PathOf("pip-venv"));

        // Wheel-Version 1.9: both install it and warn; 0.1 and 1.0 install silently.
        Assert.Contains("Installing from a newer Wheel-Version (1.9)", pip.Output, StringComparison.Ordinal);
        var warnings = build.Output.Split('\n').Where(l => l.Contains("warning LLMPY", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Contains("warning LLMPY0815: The wheel 'wv_newer-1.0-py3-none-any.whl' has Wheel-Version 1.9", w));

        // The same files, but for the two setuptools companions of the entry-point wrappers pip keeps (docs/installer.md).
        string[] pipOnly = ["bin/WrapGui-script.pyw", "bin/wrap-cli.exe.manifest"];
        var ourPaths = ours.InstalledPaths(skeleton, EnvironmentStateFile);
        var pipPaths = theirs.InstalledPaths(skeleton);
        Assert.Subset(pipPaths, pipOnly.ToHashSet());
        Assert.Equal(pipPaths.Except(pipOnly), ourPaths);
        Assert.Subset(ourPaths, new HashSet<string>
        {
            "bin/wrap-cli", "bin/WrapGui", "bin/UpperTool", "bin/MiXeD-Case", "bin/wrappers-tool", "bin/wrappers-run.sh",
            $"{SitePackages}/wv_zero/__init__.py", $"{SitePackages}/unicode_names/café.py", $"{SitePackages}/unicode_names/données/été.txt",
            "share/unicode-names/naïve.txt", "share/datahdr/readme.txt", "include/site/python3.11/datahdr/datahdr.h",
            $"{SitePackages}/pure_part.py", $"{SitePackages}/plat_part.py", $"{SitePackages}/nsshape/one/__init__.py",
            $"{SitePackages}/nsshape/two/__init__.py", $"{SitePackages}/pthshape.pth",
        });
        Assert.DoesNotContain("bin/wrap-cli.exe", ourPaths);
        Assert.DoesNotContain("bin/wrap-cli-script.py", ourPaths);

        string[] launchers = ["bin/wrap-cli", "bin/WrapGui", "bin/UpperTool", "bin/MiXeD-Case"];
        foreach (var path in ourPaths)
        {
            if (path.EndsWith("/RECORD", StringComparison.Ordinal))
                continue;
            if (path.EndsWith("/INSTALLER", StringComparison.Ordinal))
            {
                Assert.Equal("llmpython\n", ours.Text(path));
                Assert.Equal("pip\n", theirs.Text(path));
            }
            else if (path.EndsWith("/direct_url.json", StringComparison.Ordinal))
                Assert.Equal(DirectUrl(theirs, path), DirectUrl(ours, path));
            else if (launchers.Contains(path))
                // pip's launcher is distlib's template ('__main__'), the SDK's pypa/installer's ("__main__"): the same code.
                Assert.Equal(theirs.Text(path).Replace('\'', '"'), ours.Text(path));
            else
                Assert.True(theirs.Text(path) == ours.Text(path), $"{path} differs:\n--- pip\n{theirs.Text(path)}\n--- sdk\n{ours.Text(path)}");
            // .data/scripts files are executable after an SDK install even when the wheel lost the bit (docs/installer.md).
            var expectExecutable = path == "bin/wrappers-tool" || theirs.Files[path].Executable;
            Assert.True(expectExecutable == ours.Files[path].Executable, $"{path}: executable {ours.Files[path].Executable}, pip {theirs.Files[path].Executable}");
        }

        // RECORD: the SDK's lists exactly what it installed; pip's also keeps rows of files it did not install.
        foreach (var record in ourPaths.Where(p => p.EndsWith(".dist-info/RECORD", StringComparison.Ordinal)))
        {
            var ourRows = RecordRows(ours, record);
            var pipRows = RecordRows(theirs, record);
            Assert.All(ourRows, row => Assert.True(row.OnDisk, $"{record} of the SDK lists {row.Path}, which is not installed"));
            Assert.Equal(pipRows.Where(r => r.OnDisk && !pipOnly.Contains(r.Installed)).Select(r => r.Path), ourRows.Select(r => r.Path));
            var phantoms = pipRows.Where(r => !r.OnDisk).Select(r => r.Path).ToList();
            Assert.Equal(record switch
            {
                $"{SitePackages}/extrarow-1.0.dist-info/RECORD" => ["extrarow/ghost.py"],
                $"{SitePackages}/wrappers-1.0.dist-info/RECORD" =>
                    ["wrappers-1.0.data/scripts/WrapGui.exe", "wrappers-1.0.data/scripts/wrap-cli", "wrappers-1.0.data/scripts/wrap-cli-script.py", "wrappers-1.0.data/scripts/wrap-cli.exe"],
                _ => [],
            }, phantoms);
        }

        // The launchers run, the same way.
        foreach (var launcher in launchers)
        {
            var (ourExit, ourOut, ourErr) = PipDryRun.Exec(Path.Combine(ours.Root, launcher), ["an argument", "ü"]);
            var (pipExit, pipOut, _) = PipDryRun.Exec(Path.Combine(theirs.Root, launcher), ["an argument", "ü"]);
            Assert.True(ourExit == 3, $"{launcher} exited with {ourExit}: {ourOut}{ourErr}");
            Assert.Equal((pipExit, pipOut), (ourExit, ourOut));
            Assert.Equal($"main {Path.GetFileName(launcher)} ['an argument', 'ü']\n", ourOut);
        }

        // And Python sees the same packages, namespace parts, .pth path, data files and metadata.
        const string probe = """
            import importlib.metadata as m, os, sysconfig
            import nsshape.one, nsshape.two, pure_part, plat_part, platshape, pth_target, wv_zero, wv_one, wv_newer, extrarow
            from unicode_names import café
            print(café.NAME, nsshape.one.NAME, nsshape.two.NAME, pure_part.NAME, plat_part.NAME, platshape.NAME, pth_target.NAME)
            print(sorted((d.metadata['Name'], d.version, d.read_text('REQUESTED')) for d in m.distributions()))
            print(open(os.path.join(sysconfig.get_path('data'), 'share', 'datahdr', 'readme.txt')).read())
            """;
        var ourProbe = VenvPython.Run(ours.Root, "-c", probe).ShouldSucceed();
        var pipProbe = VenvPython.Run(theirs.Root, "-c", probe).ShouldSucceed();
        Assert.Equal(pipProbe.StdOut, ourProbe.StdOut);
        Assert.StartsWith("café one two pure plat platshape pth\n", ourProbe.StdOut, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, bool> Refusals() => new()
    {
        { "wheel-version-2", DiagnosticCodes.Installer.IncompatibleWheelVersion, true },
        // pip is laxer than the binary distribution format here: it installs both (docs/installer.md).
        { "record-missing-row", DiagnosticCodes.Installer.InvalidRecord, false },
        { "record-wrong-hash", DiagnosticCodes.Installer.RecordMismatch, false },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void AWheelTheSpecRefuses_IsRefusedWithACode_AndNothingIsWritten(string shape, string code, bool pipRefuses)
    {
        var wheel = shape switch
        {
            "wheel-version-2" => Module("wv-two", wheelVersion: "2.0"),
            "record-missing-row" => Module("missing-row").AddFile("missing_row/unlisted.py", "X = 1\n").OmitFromRecord("missing_row/unlisted.py"),
            _ => Module("wrong-hash").CorruptRecordHashOf("wrong_hash/__init__.py"),
        };
        var project = Project("WheelRefused", [wheel], out var wheels);

        var build = project.Build().ShouldFail();
        var (pip, _) = PipInstall.Run(project.PathOf("pip-venv"), wheels);

        Assert.True(pipRefuses == (pip.ExitCode != 0), pip.Output);
        if (pipRefuses)
            Assert.Contains("Wheel-Version (2.0) is not compatible", pip.Output, StringComparison.Ordinal);
        var error = build.Output.Split('\n').FirstOrDefault(l => l.Contains($"error {code}", StringComparison.Ordinal));
        Assert.True(error is not null, $"no error {code} in:\n{build.Output}");
        Assert.Contains(wheel.FileName, error, StringComparison.Ordinal);
        Assert.DoesNotContain(".staging", build.Output, StringComparison.Ordinal);
        // Nothing written: no lockfile, no environment, no staging copy, no half-unpacked wheel in the cache.
        Assert.False(Directory.Exists(project.PathOf("obj/python/venv")), "the environment was created");
        Assert.False(File.Exists(project.PathOf("python.lock.json")), "a lockfile was written for an environment that could not be installed");
        // The wheel is refused while it is unpacked into the cache, before anything under obj/python is made.
        Assert.True(!Directory.Exists(project.PathOf("obj/python")) || !Directory.EnumerateDirectories(project.PathOf("obj/python"), ".venv.*").Any(), "a staging copy was left");
        var unpacked = project.PathOf("cache/unpacked-v1");
        Assert.True(!Directory.Exists(unpacked) || !Directory.EnumerateFiles(unpacked, "*", SearchOption.AllDirectories)
            .Any(p => p.EndsWith(".py", StringComparison.Ordinal) || p.EndsWith(WheelArchive.ManifestFile, StringComparison.Ordinal)), "an unpacked wheel was left in the cache");
    }

    /// <summary>One wheel per shape pip installs; they share no file, so one environment holds them all.</summary>
    private static List<WheelBuilder> InstallableShapes()
    {
        var wrappers = Module("wrappers", EntryModule)
            .AddConsoleScript("wrap-cli", "wrappers:main")
            .AddGuiScript("WrapGui", "wrappers:main")
            // setuptools' own wrappers (Windows, or old versions): one has the entry point's exact name.
            .AddDataFile("scripts", "wrap-cli", "#!python\n# EASY-INSTALL-ENTRY-SCRIPT: 'wrappers==1.0','console_scripts','wrap-cli'\nimport sys\n")
            .AddDataFile("scripts", "wrap-cli-script.py", "#!python\n# EASY-INSTALL-ENTRY-SCRIPT: 'wrappers==1.0','console_scripts','wrap-cli'\n")
            .AddDataFile("scripts", "wrap-cli.exe.manifest", "<?xml version=\"1.0\"?><assembly/>\n")
            .AddDataFile("scripts", "WrapGui-script.pyw", "#!pythonw\n# EASY-INSTALL-ENTRY-SCRIPT: 'wrappers==1.0','gui_scripts','WrapGui'\n")
            // Scripts of its own: one that lost its executable bit, one that kept it.
            .AddDataFile("scripts", "wrappers-tool", "#!python\nprint('tool')\n")
            .AddDataFile("scripts", "wrappers-run.sh", "#!/bin/sh\necho run\n", executable: true);
        wrappers.AddFile($"{wrappers.DataDir}/scripts/wrap-cli.exe", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0xFF]);
        wrappers.AddFile($"{wrappers.DataDir}/scripts/WrapGui.exe", [0x4D, 0x5A, 0x90, 0x00, 0x04, 0xFE]);

        return
        [
            Module("wv-zero", wheelVersion: "0.1"),
            Module("wv-one"),
            Module("wv-newer", wheelVersion: "1.9"),
            wrappers,
            Module("datahdr")
                .AddDataFile("data", "share/datahdr/readme.txt", "data of datahdr\n")
                .AddDataFile("headers", "datahdr.h", "#define DATAHDR 1\n"),
            Module("platshape", rootIsPurelib: false)
                .AddDataFile("purelib", "pure_part.py", "NAME = 'pure'\n")
                .AddDataFile("platlib", "plat_part.py", "NAME = 'plat'\n"),
            // PEP 420: two distributions share nsshape/, which has no __init__.py.
            new WheelBuilder("ns-one", "1.0").AddFile("nsshape/one/__init__.py", "NAME = 'one'\n"),
            new WheelBuilder("ns-two", "1.0").AddFile("nsshape/two/__init__.py", "NAME = 'two'\n"),
            Module("upper-cli", EntryModule).AddConsoleScript("UpperTool", "upper_cli:main").AddConsoleScript("MiXeD-Case", "upper_cli:main"),
            Module("unicode-names")
                .AddFile("unicode_names/café.py", "NAME = 'café'\n")
                .AddFile("unicode_names/données/été.txt", "été\n")
                .AddDataFile("data", "share/unicode-names/naïve.txt", "naïve\n"),
            new WheelBuilder("pthshape", "1.0")
                .AddFile("pthshape.pth", "pthshape_lib\n")
                .AddFile("pthshape_lib/pth_target.py", "NAME = 'pth'\n"),
            Module("extrarow").AddRecordOnlyRow("extrarow/ghost.py", "gone\n"),
        ];
    }

    /// <summary>A wheel with one package named after the distribution.</summary>
    private static WheelBuilder Module(string name, string? init = null, string wheelVersion = "1.0", bool rootIsPurelib = true)
    {
        var wheel = new WheelBuilder(name, "1.0") { WheelVersion = wheelVersion, RootIsPurelib = rootIsPurelib };
        return wheel.AddFile($"{wheel.EscapedName}/__init__.py", init ?? $"NAME = '{name}'\n");
    }

    /// <summary>A console app with one NoDeps PythonPackage per wheel (written to its wheels/ folder), built with pip's interpreter, offline.</summary>
    private TestProject Project(string name, IReadOnlyList<WheelBuilder> shapes, out List<string> wheelPaths)
    {
        var items = string.Join("\n    ", shapes.Select(w => $"""<PythonPackage Include="wheels/{w.FileName}" NoDeps="true" />"""));
        var project = TestProject.ConsoleApp(_sdk, name, AppProjectXml.With(
            $"<PythonExecutable>{SecurityElement.Escape(PipDryRun.Interpreter)}</PythonExecutable>\n    <PythonOffline>true</PythonOffline>", items));
        wheelPaths = shapes.Select(w => w.WriteTo(project.PathOf("wheels"))).ToList();
        return project;
    }

    private static (string? Url, string? Sha256) DirectUrl(InstalledTree tree, string path)
    {
        using var json = JsonDocument.Parse(tree.Files[path].Bytes);
        return (json.RootElement.GetProperty("url").GetString(),
            json.RootElement.GetProperty("archive_info").GetProperty("hashes").GetProperty("sha256").GetString());
    }

    /// <summary>The rows of a RECORD (RECORD's own row left out) in order of path: the installed file each names, and whether it is there with that hash.</summary>
    private static List<(string Path, string Installed, bool OnDisk)> RecordRows(InstalledTree tree, string record)
    {
        var distInfoParent = Path.GetDirectoryName(Path.GetDirectoryName(Path.Combine(tree.Root, record)))!;
        var rows = new List<(string, string, bool)>();
        foreach (var row in RecordFile.Parse(Encoding.UTF8.GetString(tree.Files[record].Bytes)))
        {
            var installed = Path.GetRelativePath(tree.Root, Path.GetFullPath(Path.Combine(distInfoParent, row.Path))).Replace('\\', '/');
            if (installed == record)
                continue;
            var onDisk = tree.Files.TryGetValue(installed, out var file);
            Assert.True(!onDisk || row.Validate(file.Bytes), $"{record} in {tree.Root}: the hash or size of {row.Path} is wrong");
            rows.Add((row.Path, installed, onDisk));
        }
        return rows.OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
    }
}
