using System.Diagnostics;
using System.Text.Json;
using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Tests.Caching;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Environments;

/// <summary>
/// The real interpreter accepts what we write: environments for pyenv's CPython 3.11 and 3.12, checked with
/// the base interpreter's pip (check, list), importlib.metadata, and a console script.
/// </summary>
/// <remarks>One class per version so xunit runs them in parallel (pip is slow to start on a loaded machine).</remarks>
public abstract class RealInterpreterTests
{
    private static string Pyenv(string version)
        => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "versions", version, "bin", "python" + string.Join('.', version.Split('.').Take(2)));

    protected async Task Pip_importlib_and_console_scripts_accept_the_environment(string version)
    {
        var exe = Pyenv(version);
        Assert.True(File.Exists(exe), $"this machine should have {exe}");
        using var dir = new ScratchFolder();
        var baseInterpreter = BaseInterpreter.FromExecutable(exe, version);
        var updater = new EnvironmentUpdater(new UnpackedWheelStore(new CacheStore(dir.Sub("cache")))) { CompileBytecode = true };

        var alpha = new WheelBuilder("Alpha_Pkg", "1.0") { RequiresPython = ">=3.8" }
            .AddFile("alpha_pkg/__init__.py", "from beta import VALUE\n")
            .AddFile("alpha_pkg/cli.py", "import sys\ndef main():\n    print('alpha says', __import__('beta').VALUE, sys.prefix)\n    return 3\n")
            .AddConsoleScript("alpha-cli", "alpha_pkg.cli:main");
        alpha.RequiresDist.Add("beta>=2");
        var beta = new WheelBuilder("beta", "2.0").AddFile("beta.py", "VALUE = 42\n");
        var wheels = new[] { alpha, beta }.Select(b =>
        {
            var path = b.WriteTo(dir.Sub("wheels"));
            return new DesiredWheel(b.Name, b.Version, path, RecordHash.FileSha256Hex(path), b == alpha, b == alpha ? new Uri(path).AbsoluteUri : null);
        }).ToArray();

        var result = await updater.UpdateAsync(dir.Sub("venv"), baseInterpreter, wheels);
        var python = result.Layout.Python;

        var checkRun = Task.Run(() => Run(exe, "-m", "pip", "--python", python, "check"));
        var listRun = Task.Run(() => Run(exe, "-m", "pip", "--python", python, "list", "--format=json"));
        var check = await checkRun;
        var list = await listRun;
        Assert.True(check.Code == 0, check.Output);
        Assert.True(list.Code == 0, list.Output);
        var listed = JsonDocument.Parse(list.Output).RootElement.EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!.ToLowerInvariant().Replace('_', '-'), p => p.GetProperty("version").GetString());
        Assert.Equal("1.0", listed["alpha-pkg"]);
        Assert.Equal("2.0", listed["beta"]);
        Assert.Equal(2, listed.Count);

        var meta = Run(python, "-c", "import alpha_pkg, sys; import importlib.metadata as m; print(m.version('alpha-pkg'), m.version('beta'), sys.prefix == sys.base_prefix)");
        Assert.Equal("1.0 2.0 False", meta.Output.Trim());

        var script = Run(Path.Combine(result.Layout.BinDir, "alpha-cli"));
        Assert.Equal(3, script.Code);
        Assert.StartsWith("alpha says 42 " + dir.Sub("venv"), script.Output.Trim());

        // Bytecode was compiled and recorded.
        var record = File.ReadAllText(Path.Combine(result.Layout.SitePackages, "alpha_pkg-1.0.dist-info", "RECORD"));
        Assert.Contains("alpha_pkg/__pycache__/cli.cpython-", record);
        Assert.True(File.Exists(Path.Combine(result.Layout.SitePackages, "alpha_pkg-1.0.dist-info", "direct_url.json")));
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PIP_NO_INDEX"] = "1";
        start.Environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + (p.ExitCode == 0 ? "" : stderr.Result));
    }
}

public class RealInterpreter311Tests : RealInterpreterTests
{
    [Fact]
    public Task Cpython_3_11_accepts_the_environment() => Pip_importlib_and_console_scripts_accept_the_environment("3.11.7");
}

public class RealInterpreter312Tests : RealInterpreterTests
{
    [Fact]
    public Task Cpython_3_12_accepts_the_environment() => Pip_importlib_and_console_scripts_accept_the_environment("3.12.1");
}
