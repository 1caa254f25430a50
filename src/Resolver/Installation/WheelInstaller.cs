using System.Text;
using System.Text.Json;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// Installs an unpacked wheel into an install scheme per the binary distribution format (no pip):
/// scripts first, then <c>.data/&lt;scheme&gt;/</c> files (without setuptools' wrappers of the entry points, see
/// <see cref="EntryPointWrappers"/>), root files and .dist-info; regenerated RECORD,
/// <c>INSTALLER</c>, <c>REQUESTED</c>, <c>direct_url.json</c>. A failure removes what it wrote.
/// Uninstalls by RECORD.
/// </summary>
public static class WheelInstaller
{
    /// <summary>Written into <c>INSTALLER</c> (PEP 376): the tool that owns the files.</summary>
    public const string InstallerName = "llmpython";

    /// <summary>Files of a wheel's .dist-info that are regenerated, never copied.</summary>
    private static readonly string[] Regenerated = ["RECORD", "RECORD.jws", "RECORD.p7s", "INSTALLER", "REQUESTED", "direct_url.json"];

    public static InstalledDistribution Install(UnpackedWheel wheel, InstallScheme scheme, InstallOptions? options = null)
    {
        options ??= new InstallOptions();
        var rootDir = wheel.RootIsPurelib ? scheme.Purelib : scheme.Platlib;
        var distInfoDir = Path.Combine(rootDir, wheel.DistInfo);
        var plan = Plan(wheel, scheme, options, rootDir);
        var folders = new DestinationFolders();
        CheckConflicts(plan, wheel, distInfoDir, options, folders);

        var written = new List<string>();
        var record = new List<RecordEntry>();
        int linked = 0, copied = 0;
        try
        {
            foreach (var item in plan)
            {
                var folder = Path.GetDirectoryName(item.Destination)!;
                var mayExist = folders.ExistedBefore(folder);
                folders.Ensure(folder);
                if (options.OverwriteExisting && mayExist && File.Exists(item.Destination))
                    File.Delete(item.Destination); // never write through: it may be a hardlink into the cache
                string hash;
                long size;
                if (item.Content is { } content)
                {
                    using (var f = new FileStream(item.Destination, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                        f.Write(content);
                    written.Add(item.Destination);
                    if (item.Executable && !OperatingSystem.IsWindows())
                        File.SetUnixFileMode(item.Destination, (UnixFileMode)0b111_101_101);
                    (hash, size) = (RecordHash.Sha256(content), content.Length);
                    copied++;
                }
                else
                {
                    var wasLinked = FileLinker.LinkOrCopy(item.Source!, item.Destination, options.UseHardLinks);
                    written.Add(item.Destination);
                    if (wasLinked) linked++; else copied++;
                    var source = wheel.Record[item.ArchivePath!];
                    (hash, size) = (source.Hash!, source.Size!.Value);
                }
                record.Add(new RecordEntry(Relative(rootDir, item.Destination), hash, size));
            }

            if (options.CompileBytecode)
                record.AddRange(Compile(scheme, wheel, plan, rootDir, written));

            var recordPath = Path.Combine(distInfoDir, "RECORD");
            var rows = new List<RecordEntry> { new(Relative(rootDir, recordPath), null, null) };
            rows.AddRange(record.OrderBy(r => r.Path, StringComparer.Ordinal));
            if (options.OverwriteExisting && File.Exists(recordPath))
                File.Delete(recordPath);
            File.WriteAllText(recordPath, RecordFile.Write(rows), new UTF8Encoding(false));
            written.Add(recordPath);
            return new InstalledDistribution(wheel.Name, wheel.Version, distInfoDir, rows, linked, copied) { Warnings = Warnings(wheel) };
        }
        catch (Exception e)
        {
            foreach (var path in written)
                TryDelete(path);
            PruneEmptyFolders(written, scheme);
            if (e is IOException or UnauthorizedAccessException)
                throw new LlmPyException(DiagnosticCodes.Installer.WriteFailed,
                    $"Installing '{wheel.FileName}' into '{scheme.Root}' failed: {e.Message}. Check free space and permissions of the environment folder.", e) { PackageName = wheel.Name };
            throw;
        }
    }

    /// <summary>
    /// Removes the distribution whose .dist-info is <paramref name="distInfoPath"/>: every RECORD path (and its
    /// .pyc), the .dist-info folder, then folders left empty. Refuses (LLMPY0813) a RECORD that reaches outside
    /// <see cref="InstallScheme.Root"/>, before deleting anything.
    /// </summary>
    /// <param name="keep">Absolute paths other installed distributions also own: left in place.</param>
    public static void Uninstall(string distInfoPath, InstallScheme scheme, IReadOnlySet<string>? keep = null)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(distInfoPath))!;
        var recordPath = Path.Combine(distInfoPath, "RECORD");
        var targets = new List<string>();
        if (File.Exists(recordPath))
        {
            IReadOnlyList<RecordEntry> rows;
            try
            {
                rows = RecordFile.Parse(File.ReadAllText(recordPath));
            }
            catch (FormatException)
            {
                rows = []; // an unreadable RECORD: only the .dist-info can be removed safely
            }
            var root = Path.GetFullPath(scheme.Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            foreach (var row in rows)
            {
                var full = Path.GetFullPath(Path.Combine(parent, row.Path));
                if (!full.StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                    throw new LlmPyException(DiagnosticCodes.Installer.UnsafeUninstall,
                        $"Uninstalling '{Path.GetFileName(distInfoPath)}' was refused: its RECORD lists '{row.Path}', which is outside the environment '{scheme.Root}'. Delete the environment folder to rebuild it.");
                targets.Add(full);
            }
        }

        var removed = new List<string>();
        foreach (var target in targets)
        {
            if (keep is not null && keep.Contains(target))
                continue;
            TryDelete(target);
            removed.Add(target);
            if (target.EndsWith(".py", StringComparison.Ordinal))
                foreach (var pyc in CompiledFilesOf(target))
                {
                    TryDelete(pyc);
                    removed.Add(pyc);
                }
        }
        if (Directory.Exists(distInfoPath))
            Directory.Delete(distInfoPath, recursive: true);
        removed.Add(Path.Combine(distInfoPath, "RECORD"));
        PruneEmptyFolders(removed, scheme);
    }

    private sealed record PlannedItem(string Destination, string? Source, string? ArchivePath, byte[]? Content, bool Executable, bool IsPython);

    private static List<PlannedItem> Plan(UnpackedWheel wheel, InstallScheme scheme, InstallOptions options, string rootDir)
    {
        var plan = new List<PlannedItem>();
        var wheelName = wheel.FileName;

        foreach (var entry in wheel.EntryPoints)
        {
            if (scheme.IsWindows)
                foreach (var (file, content) in ScriptLauncher.Windows(entry))
                    plan.Add(new PlannedItem(WheelPathRules.Resolve(scheme.Scripts, WheelPathRules.Normalize(file, wheelName), wheelName), null, null, content, false, false));
            else
                plan.Add(new PlannedItem(WheelPathRules.Resolve(scheme.Scripts, WheelPathRules.Normalize(entry.Name, wheelName), wheelName), null, null, ScriptLauncher.Posix(entry, scheme.Interpreter), true, false));
        }

        var dataPrefix = wheel.DataDir + "/";
        var ordered = wheel.Files.Where(f => f.StartsWith(dataPrefix, StringComparison.Ordinal))
            .Concat(wheel.Files.Where(f => !f.StartsWith(dataPrefix, StringComparison.Ordinal)));
        foreach (var file in ordered)
        {
            if (WheelPathRules.IsInPycache(file))
                continue;
            if (file.StartsWith(wheel.DistInfo + "/", StringComparison.Ordinal) && Regenerated.Contains(file[(wheel.DistInfo.Length + 1)..]))
                continue;
            var source = WheelPathRules.Resolve(wheel.Tree, file, wheelName);
            if (file.StartsWith(dataPrefix, StringComparison.Ordinal))
            {
                var parts = file.Split('/');
                var folder = parts.Length >= 3 ? scheme.FolderOf(parts[1], wheel.Name) : null;
                if (folder is null)
                    throw new LlmPyException(DiagnosticCodes.Installer.UnknownDataScheme,
                        $"The wheel '{wheelName}' contains '{file}', which is not under a known scheme (purelib, platlib, headers, scripts, data). The wheel is refused.") { PackageName = wheel.Name };
                var relative = string.Join('/', parts[2..]);
                // setuptools' own wrappers of the entry points: the launcher written above replaces them (as in pip).
                if (parts[1] == "scripts" && EntryPointWrappers.IsWrapper(parts[^1], wheel.EntryPoints))
                    continue;
                var destination = WheelPathRules.Resolve(folder, relative, wheelName);
                if (parts[1] == "scripts")
                    plan.Add(new PlannedItem(destination, null, null, Shebang.Rewrite(File.ReadAllBytes(source), scheme.Interpreter), true, false));
                else
                    plan.Add(new PlannedItem(destination, source, file, null, false, parts[1] is "purelib" or "platlib" && IsPython(relative)));
            }
            else
            {
                plan.Add(new PlannedItem(WheelPathRules.Resolve(rootDir, file, wheelName), source, file, null, false, IsPython(file)));
            }
        }

        var distInfoDir = Path.Combine(rootDir, wheel.DistInfo);
        plan.Add(new PlannedItem(Path.Combine(distInfoDir, "INSTALLER"), null, null, Encoding.UTF8.GetBytes(InstallerName + "\n"), false, false));
        if (options.Requested)
            plan.Add(new PlannedItem(Path.Combine(distInfoDir, "REQUESTED"), null, null, [], false, false));
        if (options.DirectUrl is { } url)
            plan.Add(new PlannedItem(Path.Combine(distInfoDir, "direct_url.json"), null, null, DirectUrlJson(url, wheel.Sha256), false, false));
        return plan;
    }

    /// <summary>A Wheel-Version newer than the installer's (same major version): installed, with a warning, as pip does.</summary>
    private static IReadOnlyList<InstallWarning> Warnings(UnpackedWheel wheel)
        => wheel.WheelVersion.IsNewerThanSupported
            ? [new InstallWarning(DiagnosticCodes.Installer.NewerWheelVersion,
                $"The wheel '{wheel.FileName}' has Wheel-Version {wheel.WheelVersion}, newer than the {WheelFormatVersion.Supported} this installer implements; it was installed as a {WheelFormatVersion.Supported} wheel (as pip does), so anything the newer format adds is ignored. Use a wheel built for Wheel-Version {WheelFormatVersion.Supported}, or a newer LlmPython.Sdk.",
                wheel.Name)]
            : [];

    private static void CheckConflicts(List<PlannedItem> plan, UnpackedWheel wheel, string distInfoDir, InstallOptions options, DestinationFolders folders)
    {
        var comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var seen = new HashSet<string>(comparer);
        foreach (var item in plan)
        {
            if (!seen.Add(item.Destination))
                throw new LlmPyException(DiagnosticCodes.Installer.FileConflict,
                    $"The wheel '{wheel.FileName}' installs '{item.Destination}' twice (a script, .data file or module with the same name). The wheel is refused.") { PackageName = wheel.Name };
            // In a folder that is not there yet nothing can be in the way.
            if (folders.ExistedBefore(Path.GetDirectoryName(item.Destination)!)
                && (Directory.Exists(item.Destination) || (!options.OverwriteExisting && File.Exists(item.Destination))))
                throw new LlmPyException(DiagnosticCodes.Installer.FileConflict,
                    $"Installing '{wheel.FileName}' would overwrite '{item.Destination}', which already exists (file exists; another package installed it, or a previous install was interrupted). Remove the conflicting package or delete the environment folder.") { PackageName = wheel.Name };
        }
        if (!options.OverwriteExisting && Directory.Exists(distInfoDir))
            throw new LlmPyException(DiagnosticCodes.Installer.FileConflict,
                $"'{wheel.DistInfo}' is already installed in '{Path.GetDirectoryName(distInfoDir)}'. Uninstall it before installing '{wheel.FileName}'.") { PackageName = wheel.Name };
    }

    private static IEnumerable<RecordEntry> Compile(InstallScheme scheme, UnpackedWheel wheel, List<PlannedItem> plan, string rootDir, List<string> written)
    {
        var sources = plan.Where(p => p.IsPython).Select(p => p.Destination).ToList();
        BytecodeCompiler.Compile(scheme.ToolInterpreter ?? scheme.Interpreter, sources, wheel.Name);
        var entries = new List<RecordEntry>();
        foreach (var pyc in sources.SelectMany(CompiledFilesOf))
        {
            written.Add(pyc);
            var bytes = File.ReadAllBytes(pyc);
            entries.Add(new RecordEntry(Relative(rootDir, pyc), RecordHash.Sha256(bytes), bytes.Length));
        }
        return entries;
    }

    /// <summary>The .pyc files of a source in its __pycache__ (any interpreter tag and optimization level).</summary>
    private static IEnumerable<string> CompiledFilesOf(string pyFile)
    {
        var cache = Path.Combine(Path.GetDirectoryName(pyFile)!, "__pycache__");
        if (!Directory.Exists(cache))
            return [];
        return Directory.EnumerateFiles(cache, Path.GetFileNameWithoutExtension(pyFile) + ".*.pyc")
            .Where(p => Path.GetFileName(p).Split('.').Length >= 3)
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>PEP 610 for an archive: URL plus the hash, in the form pip writes.</summary>
    private static byte[] DirectUrlJson(string url, string sha256)
    {
        var document = new Dictionary<string, object>
        {
            ["archive_info"] = new Dictionary<string, object>
            {
                ["hash"] = "sha256=" + sha256,
                ["hashes"] = new Dictionary<string, string> { ["sha256"] = sha256 },
            },
            ["url"] = url,
        };
        return JsonSerializer.SerializeToUtf8Bytes(document);
    }

    private static bool IsPython(string path) => path.EndsWith(".py", StringComparison.Ordinal);

    private static string Relative(string rootDir, string path) => Path.GetRelativePath(rootDir, path).Replace('\\', '/');

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
                File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Removes folders emptied by a removal, up to (not including) the scheme folders and the root.</summary>
    private static void PruneEmptyFolders(IEnumerable<string> files, InstallScheme scheme)
    {
        var comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var stops = new HashSet<string>(new[] { scheme.Root, scheme.Purelib, scheme.Platlib, scheme.Scripts, scheme.Data, scheme.HeadersRoot }
            .Select(p => Path.GetFullPath(p).TrimEnd(Path.DirectorySeparatorChar)), comparer);
        var inside = Path.GetFullPath(scheme.Root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var folder in files.Select(Path.GetDirectoryName).Distinct().OrderByDescending(f => f!.Length))
        {
            var current = folder;
            while (current is not null && !stops.Contains(current) && current.StartsWith(inside, comparison))
            {
                try
                {
                    if (!Directory.Exists(current) || Directory.EnumerateFileSystemEntries(current).Any())
                        break;
                    Directory.Delete(current);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    break;
                }
                current = Path.GetDirectoryName(current);
            }
        }
    }
}
