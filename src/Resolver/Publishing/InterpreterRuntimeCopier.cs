namespace LlmPython.Resolver.Publishing;

/// <summary>What a copied interpreter offers, relative to the folder it was copied into ('/' separators).</summary>
public sealed record CopiedRuntime(string Interpreter, string? LibPython);

/// <summary>Where a self-contained publish gets its interpreter: this machine's, or an archive for another platform.</summary>
public interface IPublishedRuntime
{
    /// <summary>Copies the interpreter into <paramref name="destination"/> as a prefix of its own.</summary>
    /// <param name="majorMinor">The environment's Python version ("3.11"): the interpreter must be that one.</param>
    CopiedRuntime CopyTo(string destination, string majorMinor, bool includeBytecode);
}

/// <summary>
/// Copies an installed interpreter into a publish folder as a prefix of its own: POSIX <c>bin/pythonX.Y</c>,
/// <c>lib/pythonX.Y/</c> (standard library with lib-dynload) and <c>lib/libpythonX.Y.so*</c>; Windows the prefix's
/// <c>python.exe</c>, DLLs, <c>Lib\</c> and <c>DLLs\</c>. Test suites, idlelib, turtledemo, the build configuration
/// (<c>config-X.Y-*</c>) and the interpreter's own site-packages (the host's packages, never declared by the project)
/// stay behind, and so do <c>__pycache__</c> folders unless bytecode is wanted. A library search path under the
/// interpreter's prefix is made <c>$ORIGIN</c>-relative, so the copy runs from any folder.
/// </summary>
public static class InterpreterRuntimeCopier
{
    /// <summary>An installed interpreter of this machine as the source of a self-contained publish.</summary>
    public static IPublishedRuntime From(InterpreterRuntime runtime) => new Installed(runtime);

    private sealed record Installed(InterpreterRuntime Runtime) : IPublishedRuntime
    {
        public CopiedRuntime CopyTo(string destination, string majorMinor, bool includeBytecode) => Copy(Runtime, destination, includeBytecode);
    }

    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal)
    {
        "test", "tests", "idlelib", "turtledemo", "site-packages", "dist-packages",
    };

    public static CopiedRuntime Copy(InterpreterRuntime runtime, string destination, bool includeBytecode)
    {
        if (runtime.IsWindows)
            return CopyWindows(runtime, destination, includeBytecode);
        var mm = runtime.MajorMinor;
        var stdlibTarget = Path.Combine(destination, "lib", "python" + mm);
        CopyTree(runtime.Stdlib, stdlibTarget, includeBytecode, isTopLevel: true);
        if (runtime.DynLoad is { } dynload && Directory.Exists(dynload) && !IsUnder(dynload, runtime.Stdlib))
            CopyTree(dynload, Path.Combine(stdlibTarget, "lib-dynload"), includeBytecode, isTopLevel: false);

        var interpreter = $"bin/python{mm}";
        Directory.CreateDirectory(Path.Combine(destination, "bin"));
        CopyFile(runtime.Executable, Path.Combine(destination, interpreter));
        LinkPythonNames(destination, mm);
        string? libPython = null;
        if (runtime.LibPython is { } lib)
        {
            libPython = "lib/" + Path.GetFileName(lib);
            CopyFile(lib, Path.Combine(destination, libPython));
        }

        // Library search paths: the binary, libpython and every extension module may name the old prefix.
        foreach (var file in Directory.EnumerateFiles(destination, "*", SearchOption.AllDirectories))
        {
            if (new FileInfo(file).LinkTarget is not null) continue;
            var relative = Path.GetRelativePath(destination, file).Replace('\\', '/');
            ElfRunPath.Relocate(file, relative, runtime.Prefix);
        }
        return new CopiedRuntime(interpreter, libPython);
    }

    private static CopiedRuntime CopyWindows(InterpreterRuntime runtime, string destination, bool includeBytecode)
    {
        CopyPrefixFiles(runtime.Prefix, destination);
        CopyTree(runtime.Stdlib, Path.Combine(destination, "Lib"), includeBytecode, isTopLevel: true);
        if (runtime.DynLoad is { } dlls && Directory.Exists(dlls))
            CopyTree(dlls, Path.Combine(destination, "DLLs"), includeBytecode, isTopLevel: false);
        return new CopiedRuntime("python.exe", runtime.LibPython is null ? null : Path.GetFileName(runtime.LibPython));
    }

    /// <summary><c>bin/python3</c> and <c>bin/python</c> name <c>bin/pythonX.Y</c>, as in an installed prefix.</summary>
    internal static void LinkPythonNames(string destination, string majorMinor)
    {
        File.CreateSymbolicLink(Path.Combine(destination, "bin", "python3"), "python" + majorMinor);
        File.CreateSymbolicLink(Path.Combine(destination, "bin", "python"), "python" + majorMinor);
    }

    /// <summary>A Windows prefix's own files: python.exe, pythonw.exe, python3X.dll, the VC runtime, a ._pth.</summary>
    internal static void CopyPrefixFiles(string prefix, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(prefix).Order(StringComparer.Ordinal))
        {
            var extension = Path.GetExtension(file).ToLowerInvariant();
            if (extension is ".exe" or ".dll" or ".zip" or "._pth")
                CopyFile(file, Path.Combine(destination, Path.GetFileName(file)));
        }
    }

    internal static void CopyTree(string source, string target, bool includeBytecode, bool isTopLevel)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            if (!includeBytecode && file.EndsWith(".pyc", StringComparison.Ordinal)) continue;
            if (File.Exists(file)) // a dangling symlink (Debian's sitecustomize.py) is not part of the interpreter
                CopyFile(file, Path.Combine(target, Path.GetFileName(file)));
        }
        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (SkippedDirectories.Contains(name) || (name == "__pycache__" && !includeBytecode)
                || (isTopLevel && name.StartsWith("config-", StringComparison.Ordinal)))
                continue;
            CopyTree(directory, Path.Combine(target, name), includeBytecode, isTopLevel: false);
        }
    }

    /// <summary>A real copy (never a link: the copy may be patched), with the source's permissions.</summary>
    internal static void CopyFile(string source, string target)
    {
        File.Copy(source, target, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            var info = new FileInfo(source);
            var real = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            File.SetUnixFileMode(target, File.GetUnixFileMode(real.FullName));
        }
    }

    private static bool IsUnder(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
