using System.Diagnostics;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// Writes .pyc files by running the environment's interpreter <c>-m compileall</c> on a list of files
/// (given on stdin, so there is no command-line length limit).
/// </summary>
public static class BytecodeCompiler
{
    /// <summary>
    /// Compiles <paramref name="pyFiles"/>; a file with a syntax error is skipped (as pip does: packages ship
    /// Python 2 test files), but an interpreter that cannot run fails with LLMPY0812.
    /// </summary>
    public static void Compile(string interpreter, IReadOnlyCollection<string> pyFiles, string packageName)
    {
        if (pyFiles.Count == 0)
            return;
        var start = new ProcessStartInfo(interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-m", "compileall", "-q", "-i", "-" })
            start.ArgumentList.Add(arg);
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new LlmPyException(DiagnosticCodes.Installer.BytecodeCompileFailed,
                $"Compiling bytecode of '{packageName}' failed: '{interpreter}' cannot be started ({e.Message}). Set PythonCompileBytecode=false or fix the environment's interpreter.", e) { PackageName = packageName };
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            foreach (var file in pyFiles)
                process.StandardInput.WriteLine(file);
            process.StandardInput.Close();
            process.WaitForExit();
            // Exit code 1 means "some file did not compile"; anything else means the interpreter broke.
            if (process.ExitCode is not (0 or 1))
                throw new LlmPyException(DiagnosticCodes.Installer.BytecodeCompileFailed,
                    $"Compiling bytecode of '{packageName}' failed: '{interpreter} -m compileall' exited with {process.ExitCode}: {stderr.Result.Trim()} {stdout.Result.Trim()}. Set PythonCompileBytecode=false or fix the environment's interpreter.") { PackageName = packageName };
        }
    }
}
