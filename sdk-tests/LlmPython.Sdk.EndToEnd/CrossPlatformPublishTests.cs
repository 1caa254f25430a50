using System.Text.Json;
using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// dotnet publish -r for another platform (win-x64 from Linux): the target's wheels, locked in their own
/// section, shipped in the target's layout (Lib\site-packages, Scripts\*.cmd launchers), while this
/// machine's venv keeps working; self-contained, with the interpreter of a PythonRuntimeArchive served on loopback.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CrossPlatformPublishTests : IDisposable
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly LocalIndexServer _server = LocalIndexServer.Start();

    public CrossPlatformPublishTests()
    {
        foreach (var (tag, kind) in new[] { ("py3-none-manylinux_2_17_x86_64", "linux"), ("py3-none-win_amd64", "windows") })
        {
            var wheel = new WheelBuilder("fastops", "1.0.0") { Tag = tag }
                .AddFile("fastops/__init__.py", $"KIND = '{kind}'\n\ndef main():\n    print(KIND)\n")
                .AddConsoleScript("fastops-cli", "fastops:main");
            _server.AddFile(wheel.FileName, wheel.Build());
        }
    }

    private string ProjectXml() => AppProjectXml.FromIndex(_server.IndexUrl, """<PythonPackage Include="fastops" />""", "<UseAppHost>false</UseAppHost>");

    [Fact]
    public void PublishForWindows_ShipsWindowsWheelsInTheWindowsLayout_AndLeavesTheHostVenvAlone()
    {
        var project = TestProject.ConsoleApp(_sdk, "WinPub", ProjectXml());
        project.Build().ShouldSucceed();
        string hostPython = project.PathOf("obj/python/venv/bin/python");

        string output = project.PathOf("out-win");
        project.Dotnet("publish", "-r", "win-x64", "--self-contained", "false", "-o", output).ShouldSucceed();

        using (var lockJson = JsonDocument.Parse(File.ReadAllText(project.PathOf("python.lock.json"))))
        {
            string text = lockJson.RootElement.GetRawText();
            Assert.Contains("cp311-linux-x86_64", text, StringComparison.Ordinal);
            Assert.Contains("cp311-windows-x86_64", text, StringComparison.Ordinal);
            Assert.Contains("fastops-1.0.0-py3-none-win_amd64.whl", text, StringComparison.Ordinal);
        }

        string python = Path.Combine(output, "python");
        Assert.StartsWith("KIND = 'windows'", File.ReadAllText(Path.Combine(python, "Lib", "site-packages", "fastops", "__init__.py")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(python, "lib")), "no POSIX layout in a Windows publish");
        Assert.Contains("py -3.11 \"%~dp0fastops-cli-script.py\" %*", File.ReadAllText(Path.Combine(python, "Scripts", "fastops-cli.cmd")), StringComparison.Ordinal);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(python, "llmpython-environment.json"))))
            Assert.Contains("Lib/site-packages", manifest.RootElement.GetRawText(), StringComparison.Ordinal);
        foreach (string file in Directory.EnumerateFiles(python, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(project.Directory, File.ReadAllText(file), StringComparison.Ordinal);

        // This machine's environment still has its own wheels and runs.
        var startInfo = new System.Diagnostics.ProcessStartInfo(hostPython) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "-c", "import fastops; print(fastops.KIND)" })
            startInfo.ArgumentList.Add(argument);
        using (var host = System.Diagnostics.Process.Start(startInfo)!)
        {
            string stdout = host.StandardOutput.ReadToEnd() + host.StandardError.ReadToEnd();
            host.WaitForExit();
            Assert.True(host.ExitCode == 0, stdout);
            Assert.Contains("linux", stdout, StringComparison.Ordinal);
        }

        // Clean removes the other platform's environment too.
        project.Dotnet("clean", "-r", "win-x64").ShouldSucceed();
        Assert.False(Directory.Exists(project.PathOf("obj/python/rid")));
    }

    [Fact]
    public void SelfContainedPublishForWindows_ShipsTheInterpreterOfPythonRuntimeArchive_CheckedBySha256()
    {
        var project = TestProject.ConsoleApp(_sdk, "WinRuntime", ProjectXml());
        byte[] archive = WindowsInstallOnlyArchive();
        string archivePath = "/runtimes/cpython-3.11.9+20240814-x86_64-pc-windows-msvc-install_only.tar.gz";
        _server.AddRaw(archivePath, archive, "application/gzip");
        string sha256 = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(archive)).ToLowerInvariant();
        string output = project.PathOf("out-win");

        // A wrong hash: nothing is shipped, nothing half-written is left.
        var refused = project.Dotnet("publish", "-r", "win-x64", "--self-contained", "false", "-o", output, "-p:PythonSelfContained=true",
            $"-p:PythonRuntimeArchive={_server.BaseUrl}{archivePath}#sha256={new string('0', 64)}").ShouldFail();
        Assert.Contains("LLMPY0913", refused.Output, StringComparison.Ordinal);
        Assert.Contains("cpython-3.11.9+20240814-x86_64-pc-windows-msvc-install_only.tar.gz", refused.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output, "python")));
        Assert.Empty(Directory.Exists(output) ? Directory.GetDirectories(output, "python.tmp-*") : []);

        project.Dotnet("publish", "-r", "win-x64", "--self-contained", "false", "-o", output, "-p:PythonSelfContained=true",
            $"-p:PythonRuntimeArchive={_server.BaseUrl}{archivePath}", $"-p:PythonRuntimeArchiveSha256={sha256}").ShouldSucceed();

        string python = Path.Combine(output, "python");
        Assert.Equal("MZ fake python.exe", File.ReadAllText(Path.Combine(python, "python.exe")));
        Assert.True(File.Exists(Path.Combine(python, "python311.dll")));
        Assert.True(File.Exists(Path.Combine(python, "Lib", "os.py")));
        Assert.True(File.Exists(Path.Combine(python, "DLLs", "_ssl.pyd")));
        Assert.False(Directory.Exists(Path.Combine(python, "Lib", "test")), "test suites stay behind");
        Assert.False(Directory.Exists(Path.Combine(python, "Lib", "site-packages", "pip")), "the archive's own packages are not the app's");
        Assert.StartsWith("KIND = 'windows'", File.ReadAllText(Path.Combine(python, "Lib", "site-packages", "fastops", "__init__.py")), StringComparison.Ordinal);
        Assert.Contains("\"%~dp0..\\python.exe\" \"%~dp0fastops-cli-script.py\" %*", File.ReadAllText(Path.Combine(python, "Scripts", "fastops-cli.cmd")), StringComparison.Ordinal);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(python, "llmpython-environment.json"))))
        {
            Assert.Equal("python.exe", manifest.RootElement.GetProperty("interpreter").GetString());
            Assert.Equal("python311.dll", manifest.RootElement.GetProperty("libPython").GetString());
        }
    }

    /// <summary>python-build-standalone's install_only layout for Windows, with stand-in binaries (nothing runs them here).</summary>
    private static byte[] WindowsInstallOnlyArchive()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new System.Formats.Tar.TarWriter(gzip))
        {
            foreach (var (path, text) in new[]
                     {
                         ("python/python.exe", "MZ fake python.exe"), ("python/pythonw.exe", "MZ fake pythonw.exe"),
                         ("python/python311.dll", "MZ fake dll"), ("python/python3.dll", "MZ fake dll"),
                         ("python/Lib/os.py", "# os\n"), ("python/Lib/test/test_os.py", "# test\n"),
                         ("python/Lib/site-packages/pip/__init__.py", "# pip\n"), ("python/DLLs/_ssl.pyd", "MZ fake pyd"),
                     })
            {
                var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, path)
                {
                    DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)),
                };
                tar.WriteEntry(entry);
            }
        }
        return buffer.ToArray();
    }

    public void Dispose() => _server.Dispose();
}
