using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Tests.Caching;

namespace LlmPython.Resolver.Tests.Environments;

public class VirtualEnvironmentWriterTests
{
    [Fact]
    public void Writes_the_posix_layout()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var dir = new ScratchFolder();
        var exe = dir.Sub("base", "bin", "python3.12");
        Directory.CreateDirectory(Path.GetDirectoryName(exe)!);
        File.WriteAllText(exe, "");
        var baseInterpreter = new BaseInterpreter(exe, Path.GetDirectoryName(exe)!, "3.12.1");

        var layout = VirtualEnvironmentWriter.Write(dir.Sub("venv"), baseInterpreter);

        Assert.Equal(dir.Sub("venv", "bin", "python"), layout.Python);
        Assert.Equal(exe, new FileInfo(layout.Python).LinkTarget);
        Assert.Equal("python", new FileInfo(dir.Sub("venv", "bin", "python3")).LinkTarget);
        Assert.Equal("python", new FileInfo(dir.Sub("venv", "bin", "python3.12")).LinkTarget);
        Assert.True(Directory.Exists(dir.Sub("venv", "lib", "python3.12", "site-packages")));
        Assert.Equal("lib", new DirectoryInfo(dir.Sub("venv", "lib64")).LinkTarget);
        Assert.True(Directory.Exists(dir.Sub("venv", "include")));
        var cfg = VirtualEnvironmentWriter.ReadConfig(dir.Sub("venv"))!;
        Assert.Equal(Path.GetDirectoryName(exe), cfg["home"]);
        Assert.Equal("false", cfg["include-system-site-packages"]);
        Assert.Equal("3.12.1", cfg["version"]);
        Assert.Equal(exe, cfg["executable"]);
        Assert.Contains("-m venv", cfg["command"]);
        var activate = File.ReadAllText(dir.Sub("venv", "bin", "activate"));
        Assert.Contains("VIRTUAL_ENV=", activate);
        Assert.DoesNotContain(dir.Path, activate); // relocatable: found from the script's own location

        // Idempotent: a second run changes nothing that matters and keeps installed packages.
        File.WriteAllText(Path.Combine(layout.SitePackages, "keep.py"), "");
        VirtualEnvironmentWriter.Write(dir.Sub("venv"), baseInterpreter);
        Assert.True(File.Exists(Path.Combine(layout.SitePackages, "keep.py")));
    }

    [Fact]
    public void Windows_layout_paths()
    {
        var layout = new VirtualEnvironmentLayout("C:\\app\\venv", "3.11", IsWindows: true);
        Assert.EndsWith(Path.Combine("Scripts", "python.exe"), layout.Python);
        Assert.EndsWith(Path.Combine("Lib", "site-packages"), layout.SitePackages);
        Assert.True(layout.Scheme().IsWindows);
    }

    [Fact]
    public void A_missing_base_interpreter_is_LLMPY0811()
    {
        using var dir = new ScratchFolder();
        var e = Assert.Throws<LlmPyException>(() => VirtualEnvironmentWriter.Write(dir.Sub("venv"), new BaseInterpreter(dir.Sub("nope", "python3"), dir.Sub("nope"), "3.11.7")));
        Assert.Equal(DiagnosticCodes.Installer.VenvCreationFailed, e.Code);
        Assert.Contains("3.11.7", e.Message);
    }

    [Fact]
    public void Windows_launchers_are_a_cmd_and_a_script()
    {
        var files = ScriptLauncher.Windows(new ScriptEntryPoint("tool", "pkg.cli", "main", "gui"));
        Assert.Equal(["tool-script.pyw", "tool.cmd"], files.Select(f => f.FileName).ToArray());
        Assert.Contains("pythonw.exe", System.Text.Encoding.UTF8.GetString(files[1].Content));
    }
}
