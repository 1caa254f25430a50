using System.Diagnostics;

namespace LlmPython.Resolver.Accelerators;

/// <summary>What a finished child process printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs probe tools (nvidia-smi, rocm_agent_enumerator, sycl-ls); tests substitute their own.</summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="program"/> (a name looked up on PATH, or a path); null when it is not found, cannot start, or times out.</summary>
    ProcessResult? Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout);
}

/// <summary>Starts real processes, finding programs on the PATH of the given environment (not necessarily this process's).</summary>
public sealed class SystemProcessRunner : IProcessRunner
{
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly bool _windows;

    public SystemProcessRunner(Func<string, string?>? getEnvironmentVariable = null, bool? windows = null)
    {
        _getEnvironmentVariable = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        _windows = windows ?? OperatingSystem.IsWindows();
    }

    public ProcessResult? Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var path = FindProgram(program);
        if (path is null) return null;
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start);
            if (process is null) return null;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                // A hung driver tool must not hang the build: stop the child we started and report nothing.
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                return null;
            }
            process.WaitForExit();
            return new ProcessResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not executable
        }
    }

    /// <summary>The full path of a program: as given when it has a directory, else the first PATH entry that has it.</summary>
    public string? FindProgram(string program)
    {
        if (Path.IsPathRooted(program) || program.Contains(Path.DirectorySeparatorChar) || program.Contains('/'))
            return File.Exists(program) ? program : null;
        var pathVar = _getEnvironmentVariable("PATH") ?? "";
        var extensions = _windows
            ? (_getEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries).Prepend("")
            : [""];
        foreach (var dir in pathVar.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var ext in extensions)
            {
                var candidate = Path.Combine(dir.Trim('"'), program + ext);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
