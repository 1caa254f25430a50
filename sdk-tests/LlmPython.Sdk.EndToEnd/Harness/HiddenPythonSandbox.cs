using System.Diagnostics;

namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>
/// Runs a program where this machine's Pythons do not exist: bubblewrap (Debian's <c>bwrap</c>) gives it a mount
/// namespace in which every interpreter, standard library and libpython of the host (pyenv's root,
/// <c>/usr/bin/python*</c>, <c>/usr/lib/python3*</c>, <c>/usr/local/…</c>, <c>libpython3*</c>) is covered by an
/// empty tmpfs or <c>/dev/null</c>. Everything else (dotnet, libc, the test folders) stays as it is.
/// </summary>
public static class HiddenPythonSandbox
{
    public static CommandResult Run(string workingDirectory, string program, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("bwrap")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in BwrapArguments().Append("--").Append(program).Concat(arguments))
            startInfo.ArgumentList.Add(argument);
        foreach (string name in new[] { "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "LLMPYTHON_ENVIRONMENT", "LLMPYTHON_PYTHON" })
            startInfo.Environment.Remove(name);
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within 2 minutes in the sandbox");
        }
        return new CommandResult($"bwrap … {program} {string.Join(' ', arguments)}", process.ExitCode, stdout.Result, stderr);
    }

    /// <summary>The host's Python locations that exist here.</summary>
    public static IReadOnlyList<string> HiddenPaths()
    {
        string pyenv = Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var paths = new List<string> { pyenv };
        foreach (var (folder, pattern) in new[]
                 {
                     ("/usr/bin", "python*"), ("/usr/local/bin", "python*"), ("/usr/lib", "python3*"), ("/usr/local/lib", "python3*"),
                     ("/usr/lib/x86_64-linux-gnu", "libpython3*"), ("/usr/lib/aarch64-linux-gnu", "libpython3*"), ("/usr/local/lib", "libpython3*"),
                 })
        {
            if (Directory.Exists(folder))
                paths.AddRange(Directory.EnumerateFileSystemEntries(folder, pattern));
        }
        return paths.Where(p => Path.Exists(p)).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> BwrapArguments()
    {
        yield return "--dev-bind";
        yield return "/";
        yield return "/";
        // Files first: a file may be a symlink into a folder that a tmpfs then covers (libpython3.X.a -> ../python3.X/config-…).
        foreach (string path in HiddenPaths().Where(p => !Directory.Exists(p)))
        {
            yield return "--ro-bind";
            yield return "/dev/null";
            yield return path;
        }
        foreach (string path in HiddenPaths().Where(Directory.Exists))
        {
            yield return "--tmpfs";
            yield return path;
        }
    }
}
