using System.Diagnostics;
using System.Text;

namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>A started command whose output is collected; waited for, or killed with its whole process tree.</summary>
public sealed class RunningCommand : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly string _workingDirectory;

    internal RunningCommand(string commandLine, string workingDirectory, ProcessStartInfo startInfo)
    {
        CommandLine = commandLine;
        _workingDirectory = workingDirectory;
        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string CommandLine { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    public CommandResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            Assert.Fail($"'{CommandLine}' in {_workingDirectory} did not finish within {timeout}:\n{_stdout}{_stderr}");
        }
        _process.WaitForExit();
        lock (_stdout) lock (_stderr)
            return new CommandResult(CommandLine, _process.ExitCode, _stdout.ToString(), _stderr.ToString());
    }

    /// <summary>SIGKILL to the command and every process it started: no cleanup code runs, as after a crash or a power cut.</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
