using System.Text;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Publishing;

/// <summary>
/// Copies a built environment into a publish folder that can move between machines and folders:
/// site-packages and scripts, plus, when <paramref name="runtime"/> is given (self-contained), a copy of the
/// interpreter as the folder's own prefix. Without one the interpreter is the target machine's (found by the
/// generated PythonEnvironment class from the manifest) and script launchers start <c>/usr/bin/env pythonX.Y</c>;
/// with one they start the shipped interpreter next to them. direct_url.json (a build-machine path) and bytecode
/// caches (which embed source paths) are left out, RECORD rewritten to match. The same environment gives the same
/// bytes from any folder. The destination is replaced only when everything was written (staging, then a rename).
/// </summary>
public static class RelocatableEnvironmentWriter
{
    public static PublishedEnvironmentManifest Write(string environmentDirectory, string destination, IPublishedRuntime? runtime = null, bool includeBytecode = false)
    {
        var config = VirtualEnvironmentWriter.ReadConfig(environmentDirectory)
            ?? throw new LlmPyException(DiagnosticCodes.Publish.EnvironmentMissing,
                $"There is no Python environment at '{environmentDirectory}' (no pyvenv.cfg) to publish. Build the project first, or set PythonPublish=false.");
        var version = config.TryGetValue("version_info", out var v) ? v : config.GetValueOrDefault("version", "");
        var majorMinor = string.Join('.', version.Split('.').Take(2));
        // The layout says the platform: a described win-x64 target is filled on Linux too.
        var isWindows = Directory.Exists(Path.Combine(environmentDirectory, "Scripts")) && Directory.Exists(Path.Combine(environmentDirectory, "Lib"));
        var layout = new VirtualEnvironmentLayout(Path.GetFullPath(environmentDirectory), majorMinor, isWindows);

        var staging = destination.TrimEnd(Path.DirectorySeparatorChar) + ".tmp-" + Environment.ProcessId;
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        try
        {
            var manifest = WriteStaging(environmentDirectory, staging, layout, isWindows, majorMinor, runtime, includeBytecode);
            if (Directory.Exists(destination)) Directory.Delete(destination, recursive: true);
            Directory.Move(staging, destination);
            return manifest;
        }
        finally
        {
            // A failed publish leaves no half-written folder next to the previous one.
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static PublishedEnvironmentManifest WriteStaging(string environmentDirectory, string staging, VirtualEnvironmentLayout layout,
        bool isWindows, string majorMinor, IPublishedRuntime? runtime, bool includeBytecode)
    {
        var copied = runtime?.CopyTo(staging, majorMinor, includeBytecode);
        Directory.CreateDirectory(staging);
        var sitePackagesRelative = Path.GetRelativePath(layout.Root, layout.SitePackages).Replace('\\', '/');
        var scriptsRelative = Path.GetRelativePath(layout.Root, layout.BinDir).Replace('\\', '/');
        var packages = new List<string>();
        var sourceRoots = new[] { layout.Root, ResolveLink(layout.Root) }.Distinct().ToList();

        foreach (var distInfo in Directory.EnumerateDirectories(layout.SitePackages, "*.dist-info").Order(StringComparer.Ordinal))
        {
            var record = Path.Combine(distInfo, "RECORD");
            if (!File.Exists(record)) continue;
            packages.Add(Path.GetFileName(distInfo)[..^".dist-info".Length]);
            var rewritten = new List<RecordEntry>();
            foreach (var entry in RecordFile.Parse(File.ReadAllText(record)))
            {
                var relative = entry.Path.Replace('\\', '/');
                if (IsExcluded(relative)) continue;
                var source = Path.GetFullPath(Path.Combine(layout.SitePackages, relative));
                var inEnvironment = Path.GetRelativePath(layout.Root, source).Replace('\\', '/');
                if (inEnvironment.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(inEnvironment))
                    continue; // a file outside the environment is not ours to ship
                var target = Path.Combine(staging, inEnvironment);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (relative.EndsWith(".dist-info/RECORD", StringComparison.Ordinal))
                {
                    rewritten.Add(entry);
                    continue;
                }
                if (!File.Exists(source)) continue;
                var bytes = File.ReadAllBytes(source);
                if (inEnvironment.StartsWith(scriptsRelative + "/", StringComparison.Ordinal))
                    bytes = isWindows && inEnvironment.EndsWith(".cmd", StringComparison.OrdinalIgnoreCase)
                        ? RelocateWindowsLauncher(bytes, majorMinor, copied is not null)
                        : RelocateScript(bytes, majorMinor, copied?.Interpreter is { } shipped ? Path.GetFileName(shipped) : null);
                RefuseAbsolutePaths(bytes, sourceRoots, inEnvironment);
                File.WriteAllBytes(target, bytes);
                if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(source) & UnixFileMode.UserExecute) != 0)
                    File.SetUnixFileMode(target, File.GetUnixFileMode(source));
                rewritten.Add(entry with { Hash = RecordHash.Sha256(bytes), Size = bytes.Length });
            }
            var recordTarget = Path.Combine(staging, Path.GetRelativePath(layout.Root, record));
            Directory.CreateDirectory(Path.GetDirectoryName(recordTarget)!);
            File.WriteAllText(recordTarget, RecordFile.Write(rewritten), new UTF8Encoding(false));
        }

        var manifest = new PublishedEnvironmentManifest(majorMinor, sitePackagesRelative, scriptsRelative, packages)
        {
            Interpreter = copied?.Interpreter,
            LibPython = copied?.LibPython,
        };
        File.WriteAllText(Path.Combine(staging, PublishedEnvironmentManifest.FileName), manifest.ToJson(), new UTF8Encoding(false));
        return manifest;
    }

    /// <summary>Bytecode caches embed absolute source paths; direct_url.json names the build machine's wheel.</summary>
    private static bool IsExcluded(string recordPath) =>
        recordPath.Contains("__pycache__/", StringComparison.Ordinal)
        || recordPath.EndsWith(".pyc", StringComparison.Ordinal)
        || recordPath.EndsWith(".dist-info/direct_url.json", StringComparison.Ordinal);

    /// <summary>
    /// A launcher whose preamble names the build machine's venv python (a one-line shebang, or the <c>/bin/sh</c>
    /// form used for paths with spaces) starts the target's <c>pythonX.Y</c> instead, or, when an interpreter is
    /// shipped (<paramref name="shippedInterpreter"/>, a file name in the scripts folder), that one.
    /// </summary>
    internal static byte[] RelocateScript(byte[] bytes, string majorMinor, string? shippedInterpreter = null)
    {
        var length = LauncherPreamble.Length(bytes);
        if (length == 0) return bytes;
        var preamble = shippedInterpreter is null
            ? $"#!/usr/bin/env python{majorMinor}\n"
            : LauncherPreamble.NextToScript(shippedInterpreter);
        return [.. Encoding.UTF8.GetBytes(preamble), .. bytes.AsSpan(length)];
    }

    /// <summary>
    /// A Windows launcher (<c>name.cmd</c> next to <c>name-script.py</c>) runs the python.exe of its own Scripts folder
    /// in a venv; the published folder has no interpreter, so it asks the Python launcher for the locked version.
    /// </summary>
    internal static byte[] RelocateWindowsLauncher(byte[] bytes, string majorMinor, bool interpreterShipped = false)
    {
        // A shipped interpreter is python.exe at the prefix root, one level above Scripts\.
        if (interpreterShipped)
            return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes)
                .Replace("\"%~dp0pythonw.exe\"", "\"%~dp0..\\pythonw.exe\"", StringComparison.Ordinal)
                .Replace("\"%~dp0python.exe\"", "\"%~dp0..\\python.exe\"", StringComparison.Ordinal));
        var text = Encoding.UTF8.GetString(bytes)
            .Replace("\"%~dp0pythonw.exe\"", $"pyw -{majorMinor}", StringComparison.Ordinal)
            .Replace("\"%~dp0python.exe\"", $"py -{majorMinor}", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    private static void RefuseAbsolutePaths(byte[] bytes, IReadOnlyList<string> roots, string file)
    {
        var text = Encoding.UTF8.GetString(bytes);
        foreach (var root in roots)
            if (root.Length > 1 && text.Contains(root, StringComparison.Ordinal))
                throw new LlmPyException(DiagnosticCodes.Publish.AbsolutePathLeak,
                    $"'{file}' in the Python environment contains the build-machine path '{root}', so the published environment would not work elsewhere. Report this package to LlmPython.Sdk, or set PythonPublish=false and ship the environment yourself.");
    }

    private static string ResolveLink(string path)
    {
        var info = new DirectoryInfo(path);
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }
}
