using System.Runtime.InteropServices;

namespace LlmPython.Resolver.Tests.Interpreters;

/// <summary>The machine's pyenv interpreters (3.10, 3.11, 3.12 are installed on every dev and CI machine) and a scratch cache folder.</summary>
internal static class PyenvFixture
{
    public static string PyenvRoot { get; } = FindPyenvRoot();

    /// <summary>versions/3.X.*/bin/python3.X, newest patch first.</summary>
    public static string Interpreter(string majorMinor)
    {
        var versions = Path.Combine(PyenvRoot, "versions");
        var dir = Directory.GetDirectories(versions, majorMinor + ".*")
            .OrderByDescending(d => Version.Parse(Path.GetFileName(d)))
            .FirstOrDefault() ?? throw new InvalidOperationException($"pyenv has no Python {majorMinor} under {versions}");
        return Path.Combine(dir, "bin", "python" + majorMinor);
    }

    /// <summary>One probe cache for the tests that are not about the cache, so each interpreter is probed once per run.</summary>
    public static string SharedCache { get; } = CreateSharedCache();

    private static string CreateSharedCache()
    {
        var dir = TempDirectory();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, recursive: true); } catch (IOException) { } };
        return dir;
    }

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "llmpy-interp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>This host's glibc (major, minor), read from libc itself rather than from any interpreter.</summary>
    public static (int, int) HostGlibc()
    {
        var text = Marshal.PtrToStringAnsi(gnu_get_libc_version())!;
        var parts = text.Split('.');
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    [DllImport("libc")]
    private static extern IntPtr gnu_get_libc_version();

    private static string FindPyenvRoot()
    {
        var env = Environment.GetEnvironmentVariable("PYENV_ROOT");
        return string.IsNullOrEmpty(env)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv")
            : env;
    }
}
