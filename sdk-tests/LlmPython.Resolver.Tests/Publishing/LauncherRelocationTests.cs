using System.Text;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Publishing;

namespace LlmPython.Resolver.Tests.Publishing;

/// <summary>
/// Publishing an environment that lives under a path with spaces: the installer wrote its launchers in the
/// <c>/bin/sh</c> form, which the publish step must rewrite whole; and a failed publish leaves no staging folder.
/// </summary>
public class LauncherRelocationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "llmpy-launch-" + Guid.NewGuid().ToString("N"), "My Project ü");

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_root)))
            Directory.Delete(Path.GetDirectoryName(_root)!, recursive: true);
    }

    private string Venv => Path.Combine(_root, "obj", "python", "venv");

    private void WriteVenv(string extraFile = "")
    {
        var site = Path.Combine(Venv, "lib", "python3.11", "site-packages");
        Directory.CreateDirectory(Path.Combine(site, "tool-1.0.dist-info"));
        Directory.CreateDirectory(Path.Combine(Venv, "bin"));
        File.WriteAllText(Path.Combine(Venv, "pyvenv.cfg"), "home = /usr/bin\nversion = 3.11.7\n");
        File.WriteAllText(Path.Combine(site, "tool.py"), "def main():\n    print('tool')\n" + extraFile);
        var launcher = Shebang.For(Path.Combine(Venv, "bin", "python")) + "import sys\nfrom tool import main\nsys.exit(main())\n";
        File.WriteAllText(Path.Combine(Venv, "bin", "tool"), launcher);
        File.WriteAllText(Path.Combine(site, "tool-1.0.dist-info", "RECORD"), "tool.py,,\n../../../bin/tool,,\ntool-1.0.dist-info/RECORD,,\n");
    }

    [Fact]
    public void Sh_form_launcher_of_a_spaced_venv_is_rewritten_whole()
    {
        WriteVenv();
        Assert.StartsWith("#!/bin/sh\n'''exec' ", File.ReadAllText(Path.Combine(Venv, "bin", "tool")), StringComparison.Ordinal);
        var published = Path.Combine(_root, "publish", "python");

        RelocatableEnvironmentWriter.Write(Venv, published);

        Assert.Equal("#!/usr/bin/env python3.11\nimport sys\nfrom tool import main\nsys.exit(main())\n", File.ReadAllText(Path.Combine(published, "bin", "tool")));
    }

    [Fact]
    public void Shipped_interpreter_is_started_from_the_launchers_own_folder()
    {
        var script = Encoding.UTF8.GetBytes(Shebang.For("/x y/venv/bin/python") + "print(1)\n");

        var relocated = Encoding.UTF8.GetString(RelocatableEnvironmentWriter.RelocateScript(script, "3.11", "python3.11"));

        Assert.Equal("#!/bin/sh\n'''exec' \"$(dirname -- \"$0\")/python3.11\" \"$0\" \"$@\"\n' '''\nprint(1)\n", relocated);
    }

    [Fact]
    public void Failed_publish_names_the_file_and_leaves_no_staging_folder_and_the_old_publish_intact()
    {
        WriteVenv(extraFile: $"DATA = '{Venv}'\n");
        var published = Path.Combine(_root, "publish", "python");
        Directory.CreateDirectory(published);
        File.WriteAllText(Path.Combine(published, "previous.txt"), "old");

        var error = Assert.Throws<LlmPyException>(() => RelocatableEnvironmentWriter.Write(Venv, published));

        Assert.Equal(DiagnosticCodes.Publish.AbsolutePathLeak, error.Code);
        Assert.Contains("tool.py", error.Message, StringComparison.Ordinal);
        Assert.Equal(["python"], Directory.GetDirectories(Path.Combine(_root, "publish")).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(published, "previous.txt")));
    }
}
