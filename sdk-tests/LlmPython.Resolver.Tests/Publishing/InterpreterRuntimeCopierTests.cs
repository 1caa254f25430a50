using System.Diagnostics;
using LlmPython.Resolver.Publishing;
using LlmPython.Resolver.Tests.Interpreters;

namespace LlmPython.Resolver.Tests.Publishing;

/// <summary>
/// A copy of a real pyenv interpreter (built with --enable-shared, so its binary finds libpython through an absolute
/// RUNPATH) runs from a folder with spaces and non-ASCII characters as a prefix of its own.
/// </summary>
public class InterpreterRuntimeCopierTests : IDisposable
{
    private readonly string _dir = Path.Combine(PyenvFixture.TempDirectory(), "publish dir ü");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);

    [Fact]
    public void Copy_of_a_shared_pyenv_interpreter_is_a_relocatable_prefix()
    {
        var runtime = InterpreterRuntime.Probe(PyenvFixture.Interpreter("3.12"));
        Assert.NotNull(runtime.LibPython);
        Assert.Contains(ElfRunPath.Read(runtime.Executable), p => p.StartsWith(runtime.Prefix, StringComparison.Ordinal));

        var copied = InterpreterRuntimeCopier.Copy(runtime, _dir, includeBytecode: false);

        Assert.Equal("bin/python3.12", copied.Interpreter);
        Assert.Equal("lib/" + Path.GetFileName(runtime.LibPython), copied.LibPython);
        Assert.Equal(["$ORIGIN/../lib"], ElfRunPath.Read(Path.Combine(_dir, "bin", "python3.12")));
        Assert.All(Directory.EnumerateFiles(Path.Combine(_dir, "lib", "python3.12", "lib-dynload")).SelectMany(ElfRunPath.Read),
            p => Assert.DoesNotContain(runtime.Prefix, p, StringComparison.Ordinal));
        var stdlib = Path.Combine(_dir, "lib", "python3.12");
        Assert.False(Directory.Exists(Path.Combine(stdlib, "test")));
        Assert.False(Directory.Exists(Path.Combine(stdlib, "idlelib")));
        Assert.False(Directory.Exists(Path.Combine(stdlib, "site-packages")), "the host interpreter's packages are not the app's");
        Assert.Empty(Directory.GetDirectories(_dir, "config-*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetDirectories(_dir, "__pycache__", SearchOption.AllDirectories));

        // The copy runs as its own prefix, with ssl and ctypes (extension modules that need shared libraries).
        var (exit, output) = Run(Path.Combine(_dir, "bin", "python3.12"), "-I", "-c",
            "import sys, ssl, ctypes, json; print(sys.prefix); print(sys.base_prefix)");
        Assert.True(exit == 0, output);
        Assert.Equal($"{_dir}\n{_dir}\n", output.Replace("\r", ""));
    }

    [Fact]
    public void Bytecode_is_kept_only_when_asked()
    {
        var runtime = InterpreterRuntime.Probe(PyenvFixture.Interpreter("3.12"));
        InterpreterRuntimeCopier.Copy(runtime, _dir, includeBytecode: true);
        Assert.NotEmpty(Directory.GetDirectories(Path.Combine(_dir, "lib", "python3.12"), "__pycache__", SearchOption.TopDirectoryOnly));
    }

    private static (int Exit, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment.Remove("PYTHONHOME");
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("LD_LIBRARY_PATH");
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr);
    }
}
