using System.Diagnostics;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>
/// Brings a virtual environment to exactly a set of wheels, changing only what changed. The work happens in
/// a staging copy next to the environment (hardlinks of the current one), which is swapped in by two renames
/// at the end: a failure at any earlier point leaves the previous environment untouched, and an
/// interruption between the renames is repaired by the next run. One update per environment at a time
/// (a lock file next to it).
/// </summary>
public sealed class EnvironmentUpdater(UnpackedWheelStore store)
{
    public UnpackedWheelStore Store { get; } = store;

    /// <summary>Write .pyc files for installed modules (PythonCompileBytecode).</summary>
    public bool CompileBytecode { get; init; }

    /// <summary>How long to wait for another build updating the same environment.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public async Task<EnvironmentUpdateResult> UpdateAsync(string root, BaseInterpreter baseInterpreter, IReadOnlyList<DesiredWheel> desired, CancellationToken cancellationToken = default)
    {
        root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(root)!;
        var name = Path.GetFileName(root);
        var wanted = Index(desired);
        Directory.CreateDirectory(parent);
        using var updateLock = await AcquireLockAsync(Path.Combine(parent, $".{name}.lock"), root, cancellationToken).ConfigureAwait(false);
        RecoverInterruptedSwap(parent, name, root);

        var layout = VirtualEnvironmentLayout.For(root, baseInterpreter);
        var state = EnvironmentState.Read(root);
        var reusable = state is not null && state.BaseExecutable == baseInterpreter.Executable && state.PythonVersion == baseInterpreter.Version
            && EnvironmentIntegrity.SkeletonIsIntact(layout, hasInterpreter: !baseInterpreter.IsDescribed);
        if (!reusable)
            CheckReplaceable(root);

        var installed = reusable ? ScanDistInfos(layout.SitePackages) : [];
        var kept = new Dictionary<string, EnvironmentState.Package>(StringComparer.Ordinal);
        if (reusable)
        {
            foreach (var (distInfo, project) in installed)
            {
                var previous = state!.Packages.FirstOrDefault(p => p.Name == project && p.DistInfo == distInfo);
                if (previous is not null && wanted.TryGetValue(project, out var w) && previous.Sha256 == w.Sha256.ToLowerInvariant()
                    && previous.Requested == w.Requested && previous.DirectUrl == w.DirectUrl && !kept.ContainsKey(project)
                    && EnvironmentIntegrity.DistributionIsIntact(layout, distInfo))
                    kept[project] = previous;
            }
        }
        var toRemove = installed.Where(i => !(kept.TryGetValue(i.Project, out var k) && k.DistInfo == i.DistInfo)).Select(i => i.DistInfo).ToList();
        var toInstall = wanted.Values.Where(w => !kept.ContainsKey(Canonical(w.Name))).OrderBy(w => Canonical(w.Name), StringComparer.Ordinal).ToList();
        if (reusable && toRemove.Count == 0 && toInstall.Count == 0)
            return new EnvironmentUpdateResult(layout, true, [], [], kept.Count, 0, 0);

        // Verify and unpack everything before touching any environment file.
        // Wheels unpack side by side (each is I/O and hashing bound on its own).
        var unpacked = new Dictionary<string, UnpackedWheel>(StringComparer.Ordinal);
        using (var slots = new SemaphoreSlim(Environment.ProcessorCount))
        {
            await Task.WhenAll(toInstall.Select(async w =>
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var wheel = await Store.GetAsync(w.WheelPath, w.Sha256, w.FileName ?? Path.GetFileName(w.WheelPath), cancellationToken).ConfigureAwait(false);
                    if (Canonical(wheel.Name) != Canonical(w.Name))
                        throw new LlmPyException(DiagnosticCodes.Installer.InvalidLayout,
                            $"The wheel '{wheel.FileName}' contains the distribution '{wheel.Name}', not '{w.Name}' as the lock says. Re-lock (PythonUpdatePackages={w.Name}) or fix the wheel path.") { PackageName = w.Name };
                    lock (unpacked) unpacked[Canonical(w.Name)] = wheel;
                }
                finally { slots.Release(); }
            })).ConfigureAwait(false);
        }

        var staging = Path.Combine(parent, $".{name}.staging-{Guid.NewGuid():N}"[..(name.Length + 18)]);
        int linked = 0, copied = 0;
        IReadOnlyList<InstallWarning> installWarnings = [];
        try
        {
            if (reusable)
                DirectoryCloner.Clone(root, staging);
            var stagingLayout = VirtualEnvironmentWriter.Write(staging, baseInterpreter, root);
            var scheme = stagingLayout.Scheme(root);

            var shared = OwnedPaths(stagingLayout, kept.Values);
            foreach (var distInfo in toRemove)
                WheelInstaller.Uninstall(Path.Combine(stagingLayout.SitePackages, distInfo), scheme, shared);

            var packages = kept.Values.ToList();
            // Wheels whose files no other wheel of this update touches are placed in parallel; the rest keep
            // their order, so "the later distribution wins a shared file" stays true.
            var (independent, ordered) = SplitByFileOverlap(toInstall, unpacked);
            var installedNow = new System.Collections.Concurrent.ConcurrentBag<(EnvironmentState.Package Package, int Linked, int Copied)>();
            var warnings = new System.Collections.Concurrent.ConcurrentBag<InstallWarning>();
            void InstallOne(DesiredWheel w)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var project = Canonical(w.Name);
                var result = WheelInstaller.Install(unpacked[project], scheme, new InstallOptions
                {
                    Requested = w.Requested,
                    DirectUrl = w.DirectUrl,
                    CompileBytecode = CompileBytecode,
                    // Like pip: a later distribution may replace a file another one also ships (namespace __init__.py).
                    OverwriteExisting = true,
                });
                foreach (var warning in result.Warnings)
                    warnings.Add(warning);
                installedNow.Add((new EnvironmentState.Package(project, w.Version, w.Sha256.ToLowerInvariant(), w.Requested, w.DirectUrl, Path.GetFileName(result.DistInfoPath)),
                    result.LinkedFiles, result.CopiedFiles));
            }
            try
            {
                Parallel.ForEach(independent, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, InstallOne);
            }
            catch (AggregateException parallel) when (parallel.InnerExceptions.Count > 0)
            {
                // Report the first wheel's own error (LlmPyException with its code), as the sequential path does.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(parallel.InnerExceptions[0]).Throw();
            }
            foreach (var w in ordered) InstallOne(w);
            foreach (var (package, l, c) in installedNow.OrderBy(i => i.Package.Name, StringComparer.Ordinal))
            {
                linked += l;
                copied += c;
                packages.Add(package);
            }
            installWarnings = warnings.OrderBy(w => w.PackageName, StringComparer.Ordinal).ThenBy(w => w.Code, StringComparer.Ordinal).ToList();
            new EnvironmentState(baseInterpreter.Executable, baseInterpreter.Version, packages).Write(staging);
            Swap(staging, root, parent, name);
        }
        catch (Exception e)
        {
            DeleteTree(staging);
            // Messages name paths as the user will have them: the staging copy is gone once this returns.
            if (e is IOException or UnauthorizedAccessException)
                throw new LlmPyException(DiagnosticCodes.Installer.WriteFailed,
                    $"Updating the Python environment '{root}' failed: {e.Message.Replace(staging, root)}. The previous environment was kept; check free space and permissions, then build again.", e);
            if (e is LlmPyException coded && coded.Message.Contains(staging, StringComparison.Ordinal))
                throw new LlmPyException(coded.Code, coded.Message.Replace(staging, root), coded.InnerException) { PackageName = coded.PackageName };
            throw;
        }

        var removedNames = toRemove.Select(ProjectOf).Distinct().Order(StringComparer.Ordinal).ToList();
        return new EnvironmentUpdateResult(layout, false, toInstall.Select(w => Canonical(w.Name)).ToList(), removedNames, kept.Count, linked, copied)
        {
            Warnings = installWarnings,
        };
    }

    /// <summary>
    /// Splits wheels into those sharing no installed path (or script name) with another wheel of the list,
    /// and the others in their original order.
    /// </summary>
    private static (List<DesiredWheel> Independent, List<DesiredWheel> Ordered) SplitByFileOverlap(
        IReadOnlyList<DesiredWheel> wheels, IReadOnlyDictionary<string, UnpackedWheel> unpacked)
    {
        var targets = wheels.ToDictionary(w => w, w => InstalledKeys(unpacked[Canonical(w.Name)]).ToHashSet(StringComparer.Ordinal));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in targets.Values.SelectMany(k => k))
            counts[key] = counts.GetValueOrDefault(key) + 1;
        var independent = wheels.Where(w => targets[w].All(k => counts[k] == 1)).ToList();
        return (independent, wheels.Where(w => !independent.Contains(w)).ToList());
    }

    /// <summary>
    /// Where a wheel's files land, as scheme-relative keys (purelib and platlib share site-packages), with
    /// every folder below a scheme root, so a file of one wheel where another has a folder counts as overlap.
    /// </summary>
    private static IEnumerable<string> InstalledKeys(UnpackedWheel wheel)
    {
        var dataPrefix = wheel.DataDir + "/";
        var files = wheel.Files.Select(f => f.Replace('\\', '/')).Select(file =>
        {
            if (!file.StartsWith(dataPrefix, StringComparison.Ordinal)) return "site/" + file;
            var rest = file[dataPrefix.Length..];
            var slash = rest.IndexOf('/');
            var scheme = slash < 0 ? rest : rest[..slash];
            var path = slash < 0 ? "" : rest[(slash + 1)..];
            return (scheme is "purelib" or "platlib" ? "site" : scheme) + "/" + path;
        }).Concat(wheel.EntryPoints.Select(e => "scripts/" + e.Name));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in files)
        {
            keys.Add(key);
            // Folders below the scheme root ("site/pkg", "site/pkg/sub"), never the root itself.
            for (var cut = key.LastIndexOf('/'); cut > key.IndexOf('/'); cut = key.LastIndexOf('/', cut - 1))
                keys.Add(key[..cut]);
        }
        return keys;
    }

    /// <summary>PEP 503 name.</summary>
    private static string Canonical(string name) => WheelNameParts.Canonicalize(name);

    /// <summary>The project of a .dist-info folder name (<c>foo_bar-1.0.dist-info</c> → foo-bar).</summary>
    private static string ProjectOf(string distInfo)
    {
        var stem = distInfo[..^".dist-info".Length];
        var dash = stem.LastIndexOf('-');
        return Canonical(dash > 0 ? stem[..dash] : stem);
    }

    private static Dictionary<string, DesiredWheel> Index(IReadOnlyList<DesiredWheel> desired)
    {
        var wanted = new Dictionary<string, DesiredWheel>(StringComparer.Ordinal);
        foreach (var w in desired)
            if (!wanted.TryAdd(Canonical(w.Name), w))
                throw new LlmPyException(DiagnosticCodes.Installer.DuplicateDistribution,
                    $"The environment was asked to contain '{w.Name}' twice ({Path.GetFileName(wanted[Canonical(w.Name)].WheelPath)} and {Path.GetFileName(w.WheelPath)}). Keep one PythonPackage item per project.") { PackageName = w.Name };
        return wanted;
    }

    private static List<(string DistInfo, string Project)> ScanDistInfos(string sitePackages)
        => Directory.Exists(sitePackages)
            ? Directory.EnumerateDirectories(sitePackages, "*.dist-info").Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)
                .Select(d => (d, ProjectOf(d))).ToList()
            : [];

    /// <summary>Every path (absolute) the kept distributions' RECORDs list: removals must not take them away.</summary>
    private static HashSet<string> OwnedPaths(VirtualEnvironmentLayout layout, IEnumerable<EnvironmentState.Package> kept)
    {
        var owned = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var package in kept)
        {
            var record = Path.Combine(layout.SitePackages, package.DistInfo, "RECORD");
            foreach (var row in RecordFile.Parse(File.ReadAllText(record)))
                owned.Add(Path.GetFullPath(Path.Combine(layout.SitePackages, row.Path)));
        }
        return owned;
    }

    /// <summary>A folder that is neither absent, empty, nor a virtual environment is never replaced.</summary>
    private static void CheckReplaceable(string root)
    {
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any() && !File.Exists(Path.Combine(root, "pyvenv.cfg")))
            throw new LlmPyException(DiagnosticCodes.Installer.VenvCreationFailed,
                $"'{root}' exists and is not a virtual environment (no pyvenv.cfg), so it will not be replaced. Set PythonEnvironmentDirectory to an empty or new folder.");
    }

    private static void Swap(string staging, string root, string parent, string name)
    {
        if (!Directory.Exists(root))
        {
            Directory.Move(staging, root);
            return;
        }
        var old = Path.Combine(parent, $".{name}.old-{Guid.NewGuid():N}"[..(name.Length + 14)]);
        Directory.Move(root, old);
        try
        {
            Directory.Move(staging, root);
        }
        catch
        {
            Directory.Move(old, root);
            throw;
        }
        DeleteTree(old);
    }

    /// <summary>
    /// Repairs a run killed between the two renames of <see cref="Swap"/> (environment missing, old copy present)
    /// and removes leftovers of killed runs (staging and old copies).
    /// </summary>
    private static void RecoverInterruptedSwap(string parent, string name, string root)
    {
        var olds = Directory.EnumerateDirectories(parent, $".{name}.old-*").ToList();
        if (!Directory.Exists(root) && olds.Count > 0)
        {
            var newest = olds.OrderByDescending(Directory.GetLastWriteTimeUtc).First();
            Directory.Move(newest, root);
            olds.Remove(newest);
        }
        foreach (var leftover in olds.Concat(Directory.EnumerateDirectories(parent, $".{name}.staging-*")))
            DeleteTree(leftover);
    }

    private static void DeleteTree(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover is removed by the next update.
        }
    }

    private async Task<FileStream> AcquireLockAsync(string lockPath, string root, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var delay = 5;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < LockTimeout)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = Math.Min(delay * 2, 250);
            }
            catch (IOException e)
            {
                throw new LlmPyException(DiagnosticCodes.Installer.WriteFailed,
                    $"Another build kept the Python environment '{root}' locked for {LockTimeout}. If no build is running, delete '{lockPath}' and build again.", e);
            }
        }
    }
}
