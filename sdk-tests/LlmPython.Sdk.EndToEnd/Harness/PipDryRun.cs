using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>What <c>pip install --dry-run --report -</c> said: its exit code, the name → version it would install, its output.</summary>
public sealed record PipOutcome(int ExitCode, IReadOnlyDictionary<string, string> Pins, string Output);

/// <summary>
/// Runs <c>python3 -m pip install --dry-run --ignore-installed --report -</c> (isolated from any pip config) for the
/// interpreter <see cref="Interpreter"/>, which the builds compared with it use as their <c>PythonExecutable</c>:
/// same Python version and platform, so both resolve for the same target.
/// </summary>
public static partial class PipDryRun
{
    private static readonly Lazy<(string Executable, string Version, string Platform)> Target = new(Probe);

    /// <summary>The real path of <c>python3</c> on PATH (the interpreter pip runs under).</summary>
    public static string Interpreter => Target.Value.Executable;

    /// <summary>Its version, major.minor.micro.</summary>
    public static string PythonVersion => Target.Value.Version;

    public static PipOutcome Run(string indexUrl, IEnumerable<string> requirements, params string[] extraArguments)
    {
        // pip takes --python-version/--platform only with --target; a dry run writes nothing there.
        string target = Path.Combine(Path.GetTempPath(), "pip-dry-run-" + Guid.NewGuid().ToString("N"));
        string[] arguments =
        [
            "-m", "pip", "install", "--isolated", "--dry-run", "--ignore-installed", "--quiet", "--report", "-", "--target", target,
            "--disable-pip-version-check", "--no-input", "--no-cache-dir", "--only-binary=:all:",
            "--python-version", PythonVersion, "--platform", Target.Value.Platform,
            "--index-url", indexUrl, .. extraArguments, .. requirements,
        ];
        var (exitCode, stdout, stderr) = Exec(PythonHttpServer.PythonCommand, arguments);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        if (exitCode == 0)
        {
            using var report = JsonDocument.Parse(stdout);
            foreach (var item in report.RootElement.GetProperty("install").EnumerateArray())
            {
                var metadata = item.GetProperty("metadata");
                pins[Normalize(metadata.GetProperty("name").GetString()!)] = metadata.GetProperty("version").GetString()!;
            }
        }
        return new PipOutcome(exitCode, pins, stdout + stderr);
    }

    /// <summary>PEP 503 normalized name.</summary>
    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    private static (string, string, string) Probe()
    {
        var (exitCode, stdout, stderr) = Exec(PythonHttpServer.PythonCommand,
            ["-c", "import os, sys, sysconfig; print(os.path.realpath(sys.executable)); print('%d.%d.%d' % sys.version_info[:3]); print(sysconfig.get_platform())"]);
        Assert.True(exitCode == 0, "python3 could not be probed: " + stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // pip spells a platform as its wheel tag: linux-x86_64 -> linux_x86_64.
        return (lines[0], lines[1], lines[2].Replace('-', '_').Replace('.', '_'));
    }

    /// <summary>Runs a program (3 minutes at most) and returns its exit code and output.</summary>
    public static (int ExitCode, string StdOut, string StdErr) Exec(string executable, string[] arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) startInfo.ArgumentList.Add(argument);
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{executable} {string.Join(' ', arguments)} did not finish in 3 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr);
    }

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();
}
