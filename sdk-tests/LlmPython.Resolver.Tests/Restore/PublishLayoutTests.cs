using LlmPython.Resolver.Publishing;
using LlmPython.Resolver.Restore;
using LlmPython.Resolver.Restore.NoOp;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>The publish copy of an environment: relocatable, byte-identical from any folder, and working.</summary>
public class PublishLayoutTests
{
    [Fact]
    public void Two_publishes_from_different_folders_are_byte_identical_and_hold_no_build_path()
    {
        using var f = new RestoreFixture();
        f.Publish(new WheelBuilder("tiny-tokenizer", "1.0.0").AddFile("tiny_tokenizer/__init__.py", "def split(s):\n    return s.split()\n"));
        var hello = new WheelBuilder("hello-llm", "0.3.0")
            .AddFile("hello_llm/__init__.py", "import tiny_tokenizer\ndef main():\n    print('tokens:', len(tiny_tokenizer.split('a b')))\n")
            .AddConsoleScript("hello-llm", "hello_llm:main");
        hello.RequiresDist.Add("tiny-tokenizer");
        f.Publish(hello);
        var local = new WheelBuilder("local-plugin", "1.0.0").AddFile("local_plugin/__init__.py", "X = 1\n");
        var localPath = local.WriteTo(Path.Combine(f.ProjectDir, "wheels"));
        var (result, log) = f.Run(f.Request(new PackageItem("hello-llm"), new PackageItem(localPath)) with { CompileBytecode = true });
        Assert.True(result.Success, log.All);

        var first = Path.Combine(f.Root, "publish-a", "python");
        var second = Path.Combine(f.Root, "elsewhere", "deeper", "publish-b", "python");
        RelocatableEnvironmentWriter.Write(f.VenvDir, first);
        var manifest = RelocatableEnvironmentWriter.Write(f.VenvDir, second);
        Assert.Equal("3.11", manifest.PythonVersion);

        var filesA = Snapshot(first);
        Assert.Equal(filesA.Keys, Snapshot(second).Keys);
        foreach (var (path, bytes) in Snapshot(second)) Assert.True(filesA[path].SequenceEqual(bytes), path);
        foreach (var (path, bytes) in filesA)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.False(text.Contains(f.Root, StringComparison.Ordinal), $"{path} holds the build folder");
        }
        Assert.DoesNotContain(filesA.Keys, k => k.Contains("__pycache__", StringComparison.Ordinal));
        Assert.DoesNotContain(filesA.Keys, k => k.EndsWith("direct_url.json", StringComparison.Ordinal));
        Assert.DoesNotContain(filesA.Keys, k => k == "pyvenv.cfg");

        // The target machine's interpreter runs the published scripts with PYTHONPATH = site-packages.
        var python = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"), "versions", "3.11.7", "bin");
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(second, "bin", "hello-llm")) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PYTHONPATH"] = Path.Combine(second, manifest.SitePackages);
        start.Environment["PATH"] = python + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var p = System.Diagnostics.Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, output);
        Assert.Contains("tokens: 2", output);
    }

    [Fact]
    public void Publish_for_another_platform_locks_its_own_section_and_ships_its_wheels()
    {
        using var f = new RestoreFixture();
        var linux = new WheelBuilder("fastops", "1.0.0") { Tag = "py3-none-manylinux_2_17_x86_64" }.AddFile("fastops/__init__.py", "KIND = 'linux'\n");
        var windows = new WheelBuilder("fastops", "1.0.0") { Tag = "py3-none-win_amd64" }
            .AddFile("fastops/__init__.py", "KIND = 'windows'\ndef main():\n    print(KIND)\n")
            .AddConsoleScript("fastops-cli", "fastops:main");
        f.Publish(linux);
        f.Publish(windows);
        var request = f.Request(new PackageItem("fastops"));
        Assert.True(f.Run(request).Result.Success);
        var hostBefore = Snapshot(f.VenvDir);
        // A build's no-op key arms the fast path only where there is an interpreter to stat: not for a described target.
        var (result, log) = f.Run(request with { RuntimeIdentifier = "win-x64", NoOpKey = "build-key" });
        Assert.True(result.Success, log.All);

        var lockFile = LlmPython.Resolver.Locking.LockFileReader.Parse(File.ReadAllText(f.LockPath));
        var sections = lockFile.Environments.Select(e => e.Name).ToList();
        Assert.Contains("cp311-linux-x86_64", sections);
        Assert.Contains("cp311-windows-x86_64", sections);
        Assert.EndsWith("win_amd64.whl", lockFile.FindEnvironment("cp311-windows-x86_64")!.Find("fastops")!.FileName);
        Assert.Equal("win_amd64", lockFile.FindEnvironment("cp311-windows-x86_64")!.Platform);
        Assert.Null(RestoreStamp.TryRead(Path.Combine(f.ProjectDir, "obj", "python", "rid", "win-x64.stamp"))!.NoOpKey);

        // The Windows wheels go to their own folder in the Windows layout; this machine's venv is untouched.
        var ridDir = Path.Combine(f.ProjectDir, "obj", "python", "rid", "win-x64");
        Assert.Equal(ridDir, result.EnvironmentDirectory);
        Assert.Null(result.EnvironmentPython);
        Assert.Equal(hostBefore.Keys, Snapshot(f.VenvDir).Keys);
        Assert.True(File.Exists(Path.Combine(ridDir, "Lib", "site-packages", "fastops", "__init__.py")));
        Assert.False(File.Exists(Path.Combine(ridDir, "Scripts", "python.exe")));

        var published = Path.Combine(f.Root, "publish-win", "python");
        var manifest = RelocatableEnvironmentWriter.Write(ridDir, published);
        Assert.Equal("Lib/site-packages", manifest.SitePackages);
        Assert.Equal("Scripts", manifest.Scripts);
        Assert.StartsWith("KIND = 'windows'", File.ReadAllText(Path.Combine(published, "Lib", "site-packages", "fastops", "__init__.py")));
        // The venv launcher ran Scripts\python.exe; the published one asks the Python launcher for the locked version.
        var launcher = File.ReadAllText(Path.Combine(published, "Scripts", "fastops-cli.cmd"));
        Assert.Contains("py -3.11 \"%~dp0fastops-cli-script.py\" %*", launcher);
        Assert.DoesNotContain("python.exe", launcher);
        Assert.True(File.Exists(Path.Combine(published, "Scripts", "fastops-cli-script.py")));

        // Each target keeps its own no-op record: the same publish again is a no-op. This machine's next build
        // sees a lock with one more section (so its stamp is stale) but finds its environment already matching.
        var (again, againLog) = f.Run(request with { RuntimeIdentifier = "win-x64" });
        Assert.True(again.NoOp, againLog.All);
        var (host, hostLog) = f.Run(request);
        Assert.Contains("already matches the lock", hostLog.All);
        Assert.True(f.Run(request).Result.NoOp);
        var (code, output) = RestoreFixture.Exec(f.VenvPython, "-c", "import fastops; print(fastops.KIND)");
        Assert.True(code == 0, output);
        Assert.Contains("linux", output);
    }

    private static SortedDictionary<string, byte[]> Snapshot(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(root, p).Replace('\\', '/'), File.ReadAllBytes), StringComparer.Ordinal);
}
