using System.Text;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>
/// Writes a virtual environment without running <c>python -m venv</c>: pyvenv.cfg, the interpreter
/// entries (POSIX: <c>bin/python</c> symlink to the base interpreter, <c>python3</c> and <c>python3.X</c>
/// symlinks to it; Windows: copies of python.exe, pythonw.exe and the DLLs next to them, the layout
/// <c>venv --copies</c> produces), site-packages (plus the <c>lib64</c> symlink on 64-bit POSIX, as venv does)
/// and activation scripts. Re-running it refreshes those files and leaves installed packages alone.
/// </summary>
public static class VirtualEnvironmentWriter
{
    /// <summary>
    /// Creates or refreshes the environment at <paramref name="root"/>. <paramref name="finalRoot"/> is where it
    /// will live when <paramref name="root"/> is a staging folder (only the informational <c>command</c> line names it).
    /// </summary>
    public static VirtualEnvironmentLayout Write(string root, BaseInterpreter baseInterpreter, string? finalRoot = null)
    {
        var layout = VirtualEnvironmentLayout.For(root, baseInterpreter);
        if (baseInterpreter.IsDescribed)
            return WriteDescribed(layout, baseInterpreter, finalRoot ?? root);
        if (!File.Exists(baseInterpreter.Executable))
            throw new LlmPyException(DiagnosticCodes.Installer.VenvCreationFailed,
                $"The base interpreter '{baseInterpreter.Executable}' (Python {baseInterpreter.Version}) does not exist, so the environment '{finalRoot ?? root}' cannot be created. Set PythonExecutable or PythonVersion to an installed interpreter.");
        try
        {
            Directory.CreateDirectory(layout.BinDir);
            Directory.CreateDirectory(layout.SitePackages);
            Directory.CreateDirectory(layout.IncludeDir);
            if (!baseInterpreter.IsWindows && Environment.Is64BitOperatingSystem && !OperatingSystem.IsMacOS())
                ReplaceWithSymlink(Path.Combine(layout.Root, "lib64"), "lib");

            ReplaceFile(layout.ConfigFile, Config(baseInterpreter, finalRoot ?? layout.Root));
            if (baseInterpreter.IsWindows)
                WriteWindowsInterpreter(layout, baseInterpreter);
            else
            {
                ReplaceWithSymlink(layout.Python, baseInterpreter.Executable);
                var major = baseInterpreter.MajorMinor.Split('.')[0];
                ReplaceWithSymlink(Path.Combine(layout.BinDir, "python" + major), "python");
                ReplaceWithSymlink(Path.Combine(layout.BinDir, "python" + baseInterpreter.MajorMinor), "python");
            }

            var prompt = Path.GetFileName(Path.GetFullPath(finalRoot ?? root).TrimEnd(Path.DirectorySeparatorChar));
            if (baseInterpreter.IsWindows)
                ReplaceFile(Path.Combine(layout.BinDir, "activate.bat"), ActivationScripts.Batch(prompt));
            else
                ReplaceFile(Path.Combine(layout.BinDir, "activate"), ActivationScripts.Bash(prompt));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LlmPyException(DiagnosticCodes.Installer.VenvCreationFailed,
                $"The Python environment '{finalRoot ?? root}' cannot be written: {e.Message}. Check permissions and free space, or set PythonEnvironmentDirectory to another folder.", e);
        }
        return layout;
    }

    /// <summary>
    /// The environment of a described target: the target's folders and a pyvenv.cfg naming its version, without
    /// interpreter entries or activation scripts (a Windows python.exe cannot be linked on Linux, and nothing
    /// runs the environment here; the publish step ships its site-packages and scripts).
    /// </summary>
    private static VirtualEnvironmentLayout WriteDescribed(VirtualEnvironmentLayout layout, BaseInterpreter target, string finalRoot)
    {
        try
        {
            Directory.CreateDirectory(layout.BinDir);
            Directory.CreateDirectory(layout.SitePackages);
            ReplaceFile(layout.ConfigFile,
                $"include-system-site-packages = false\nversion = {target.Version}\nimplementation = {target.Implementation}\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LlmPyException(DiagnosticCodes.Installer.VenvCreationFailed,
                $"The Python environment '{finalRoot}' cannot be written: {e.Message}. Check permissions and free space.", e);
        }
        return layout;
    }

    /// <summary>pyvenv.cfg: the keys <c>python -m venv</c> writes, in its order.</summary>
    public static string Config(BaseInterpreter baseInterpreter, string root)
    {
        var sb = new StringBuilder();
        sb.Append($"home = {baseInterpreter.Home}\n");
        sb.Append("include-system-site-packages = false\n");
        sb.Append($"version = {baseInterpreter.Version}\n");
        sb.Append($"implementation = {baseInterpreter.Implementation}\n");
        sb.Append($"executable = {baseInterpreter.Executable}\n");
        // What an equivalent environment would be made with (informational, as in venv's own file).
        sb.Append($"command = {baseInterpreter.Executable} -m venv --without-pip {root}\n");
        return sb.ToString();
    }

    /// <summary>Reads pyvenv.cfg keys (null when the file is absent).</summary>
    public static IReadOnlyDictionary<string, string>? ReadConfig(string root)
    {
        var path = Path.Combine(root, "pyvenv.cfg");
        if (!File.Exists(path))
            return null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadAllLines(path))
        {
            var eq = line.IndexOf('=');
            if (eq > 0)
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }
        return values;
    }

    private static void WriteWindowsInterpreter(VirtualEnvironmentLayout layout, BaseInterpreter baseInterpreter)
    {
        var home = baseInterpreter.Home;
        ReplaceCopy(baseInterpreter.Executable, layout.Python);
        var pythonw = Path.Combine(home, "pythonw.exe");
        if (File.Exists(pythonw))
            ReplaceCopy(pythonw, Path.Combine(layout.BinDir, "pythonw.exe"));
        // python.exe loads pythonXY.dll and the VC runtime from its own folder.
        foreach (var dll in Directory.EnumerateFiles(home, "*.dll"))
            ReplaceCopy(dll, Path.Combine(layout.BinDir, Path.GetFileName(dll)));
    }

    /// <summary>Writes a new file in place of any old one (delete first: the old one may be a hardlink shared with another copy).</summary>
    internal static void ReplaceFile(string path, string content)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            File.Delete(path);
        File.WriteAllText(path, content, new UTF8Encoding(false));
    }

    private static void ReplaceCopy(string source, string destination)
    {
        if (File.Exists(destination))
            File.Delete(destination);
        File.Copy(source, destination);
    }

    private static void ReplaceWithSymlink(string path, string target)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget == target)
            return;
        if (info.LinkTarget is not null || info.Exists)
            File.Delete(path);
        else if (Directory.Exists(path))
            Directory.Delete(path, recursive: true);
        File.CreateSymbolicLink(path, target);
    }
}
