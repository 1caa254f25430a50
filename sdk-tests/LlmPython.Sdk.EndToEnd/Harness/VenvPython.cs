using System.Diagnostics;

namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>Runs the interpreter of a materialized environment (<c>obj/python/venv</c>) the way a user would.</summary>
public static class VenvPython
{
    public static string ExecutableIn(string environmentDirectory) => OperatingSystem.IsWindows()
        ? Path.Combine(environmentDirectory, "Scripts", "python.exe")
        : Path.Combine(environmentDirectory, "bin", "python");

    public static CommandResult Run(string environmentDirectory, params string[] arguments)
        => RunInterpreter(ExecutableIn(environmentDirectory), arguments);

    /// <summary><c>pip check</c> of the environment, by the host's pip (the environment has none of its own).</summary>
    public static CommandResult PipCheck(string environmentDirectory) =>
        RunInterpreter(PythonHttpServer.PythonCommand, "-m", "pip", "--python", ExecutableIn(environmentDirectory), "check", "--disable-pip-version-check");

    /// <summary>Runs any interpreter (a base one, a published one) with the test host's PYTHON* settings removed.</summary>
    public static CommandResult RunInterpreter(string executable, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            startInfo.ArgumentList.Add(argument);
        // The test host's own PYTHON* settings must not leak into the environment under test.
        startInfo.Environment.Remove("PYTHONPATH");
        startInfo.Environment.Remove("PYTHONHOME");
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{startInfo.FileName} {string.Join(' ', arguments)} did not finish within a minute");
        }
        return new CommandResult($"{startInfo.FileName} {string.Join(' ', arguments)}", process.ExitCode, stdout.Result, stderr);
    }
}
