using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Interpreters;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Restore.NoOp;

namespace LlmPython.Resolver.Restore;

/// <summary>Where the engine reports progress and diagnostics (the MSBuild task forwards to its logger).</summary>
public interface IRestoreLog
{
    /// <summary>A progress or info line; <paramref name="important"/> = shown at normal verbosity.</summary>
    void Message(string text, bool important = false);
    /// <summary>A line the user sees at the build's default verbosity: download progress and its summary.</summary>
    void Progress(string text) => Message(text, important: true);
    void Warning(string code, string message, string? file = null);
    void Error(string code, string message, string? file = null);
    /// <summary>An error at a line of a file (a requirements file); loggers without lines drop it.</summary>
    void Error(string code, string message, string? file, int line) => Error(code, message, file);
    /// <summary>A warning about a declared package: a logger that knows the project's items points at that item's line.</summary>
    void Warning(string code, string message, string? file, string? packageName) => Warning(code, message, file);
    /// <summary>An error about a declared package (<see cref="LlmPyException.PackageName"/>): a logger that knows the items points at its line.</summary>
    void Error(string code, string message, string? file, int line, string? packageName) => Error(code, message, file, line);
}

/// <summary>One locked package as the build sees it (becomes a PythonResolvedPackage item).</summary>
public sealed record ResolvedPackage(string Name, string Version, string Url, string Sha256);

public sealed record RestoreResult(
    bool Success,
    IReadOnlyList<ResolvedPackage> Packages,
    /// <summary>The venv's interpreter (PythonEnvironmentPython), when an environment was built.</summary>
    string? EnvironmentPython,
    string? SitePackages,
    /// <summary>True when nothing had to be done (inputs, lock and environment unchanged).</summary>
    bool NoOp)
{
    public static RestoreResult Failed { get; } = new(false, [], null, null, false);

    /// <summary>The folder that was materialized: the venv, or a described target's folder (what publish ships).</summary>
    public string? EnvironmentDirectory { get; init; }
}

/// <summary>
/// Resolve + lock + materialize, as the PythonRestore target asks, in six steps (<see cref="RunAsync"/>):
/// open (validate the items, find the interpreter and target, read the lock once) → no-op (<see cref="StampedNoOp"/>)
/// → choose the PyTorch backend (<see cref="BackendChoice"/>: once, logged once) → lock or reuse (reuse a current
/// lock's section, else resolve; locked mode refuses) → materialize the environment → write the lock and the stamp.
/// A failure anywhere leaves the previous lock and environment. PythonLock, PythonTree, PythonWhy and PythonExport
/// run the first steps only (<see cref="LockAsync"/>).
/// </summary>
public sealed class RestoreEngine
{
    private readonly WarningCountingLog _log;

    public RestoreEngine(IRestoreLog log) { _log = new WarningCountingLog(log); }

    /// <summary>Detection seam for tests and for PythonGpuInfo; defaults to this machine.</summary>
    public Func<RestoreRequest, GpuInfo> DetectGpu { get; init; } = request =>
        GpuDetector.Detect(GpuProbeContext.ForThisMachine(request.TargetCudaDriver, request.TargetComputeCapability));

    public RestoreResult Run(RestoreRequest request, CancellationToken cancellationToken = default) =>
        Guard(request, () => RunAsync(request, cancellationToken)) ?? RestoreResult.Failed;

    /// <summary>The resolved graph as indented text (from the lock when it is current, else resolving).</summary>
    public string DescribeTree(RestoreRequest request, CancellationToken cancellationToken = default) =>
        Guard(request, async () => LockedGraph.Tree((await LockAsync(RestoreSession.Open(request, _log), cancellationToken).ConfigureAwait(false)).Environment))
        ?? "(no resolution: see the errors above)";

    /// <summary>Every path from a top-level PythonPackage to <paramref name="package"/>, one per line.</summary>
    public string ExplainWhy(RestoreRequest request, string package, CancellationToken cancellationToken = default) =>
        Guard(request, async () =>
        {
            var session = RestoreSession.Open(request, _log);
            var environment = (await LockAsync(session, cancellationToken).ConfigureAwait(false)).Environment;
            var why = LockedGraph.Why(environment, package);
            // A build-variant wheel (flash-attn +cu123torch2.4cxx11abiFALSE): which file fits and why the others do not.
            var variant = await BuildVariantReport.DescribeAsync(session, _log, environment, package, cancellationToken).ConfigureAwait(false);
            return variant is null ? why : why + "\n" + variant;
        }) ?? "(no resolution: see the errors above)";

    /// <summary>
    /// Locks as PythonLock does (a current lock is reused without the network), then writes every section of the lockfile
    /// as pylock.&lt;section&gt;.toml and/or requirements.&lt;section&gt;.txt into <paramref name="outputDirectory"/>. Null on failure.
    /// </summary>
    public IReadOnlyList<string>? Export(RestoreRequest request, string outputDirectory, string? formats, CancellationToken cancellationToken = default) =>
        Guard(request, async () =>
        {
            var parsed = Exporting.LockExporter.ParseFormats(formats);
            var session = RestoreSession.Open(request with { LockOnly = true }, _log);
            var locked = await LockAsync(session, cancellationToken).ConfigureAwait(false);
            var written = Exporting.LockExporter.Export(locked.LockFile, request.LockFilePath, session.ProjectDirectory, outputDirectory, parsed, session.Request.FindLinks);
            foreach (var file in written)
                _log.Message($"Exported {file}", important: true);
            return written;
        });

    /// <summary>Detected driver/GPU, the candidate backends and which one would be chosen and why.</summary>
    public string DescribeGpu(RestoreRequest request, CancellationToken cancellationToken = default) =>
        Guard(request, async () =>
        {
            var session = RestoreSession.Open(request, _log);
            var gpu = DetectGpu(request);
            var decision = await session.ChooseBackendAsync(gpu, probeIndexes: !request.Offline, cancellationToken).ConfigureAwait(false);
            return GpuReport.Describe(decision, GpuReport.Target(session.Target));
        }) ?? "(no GPU report: see the errors above)";

    private T? Guard<T>(RestoreRequest request, Func<Task<T>> work) where T : class
    {
        try
        {
            return work().GetAwaiter().GetResult();
        }
        catch (LlmPyException e)
        {
            // The package lets the task point at the item's line; a file of its own (a requirements file) wins.
            _log.Error(e.Code, e.Message, e.SourceFile ?? request.ProjectPath, e.SourceLine, e.SourceFile is null ? e.PackageName : null);
            return null;
        }
    }

    private async Task<RestoreResult> RunAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        // 1. Open: validated items, interpreter and target, cache; the GPU when PyTorch-family items need it; the lock, read once.
        var warningsBefore = _log.Warnings;
        var clock = System.Diagnostics.Stopwatch.StartNew(); // the phases' times, logged at low importance (-v:d) for profiling
        var session = RestoreSession.Open(request, _log);
        var gpu = Gpu(session);
        var lockFile = LockFileOnDisk.Read(request.LockFilePath);

        // 2. No-op: same inputs, same lock bytes, same machine, environment intact → nothing to do, no network.
        if (StampedNoOp.TryConfirm(session, gpu, lockFile) is { } stamp)
        {
            _log.Message($"All Python packages for {Path.GetFileName(request.ProjectPath)} are up-to-date (no-op restore, {stamp.EnvironmentDirectory}).");
            var section = lockFile.Parsed!.FindEnvironment(stamp.LockSection ?? "");
            var noOp = Result(session, section, noOp: true);
            StampedNoOp.Record(session, gpu, lockFile.Sha256!, stamp.LockSection, noOp, warned: _log.Warnings != warningsBefore);
            return noOp;
        }

        // Whatever step fails, no unpack the lock step's downloads started runs on after the restore returns.
        try
        {
            // 3. Backend, then 4. this machine's lock section: reused when current, else resolved (not in locked mode).
            var openedAt = clock.ElapsedMilliseconds;
            session.Wheels.UnpackAhead = !request.LockOnly; // the lock step's downloads start unpacking at once when an environment follows
            var backend = await BackendChoice.ChooseAsync(session, gpu, Reusable(session, lockFile), _log, cancellationToken).ConfigureAwait(false);
            var locked = await LockOrReuseAsync(session, backend, lockFile, cancellationToken).ConfigureAwait(false);
            var lockedAt = clock.ElapsedMilliseconds;
            if (request.LockOnly)
            {
                WriteLock(session, locked);
                session.Downloads.Summarize();
                return Result(session, locked.Environment, noOp: false);
            }

            // 5. Materialize. A publish for another platform (-r win-x64 on Linux) fills its own folder (obj/python/rid/win-x64/)
            // with the target's wheels in the target's layout: nothing runs them here; the publish step ships them.
            await new EnvironmentMaterializer(session, _log, gpu).MaterializeAsync(locked.Environment, cancellationToken).ConfigureAwait(false);
            var materializedAt = clock.ElapsedMilliseconds;

            // 6. The new lock is written only once its environment is installed (a refused wheel or failed build keeps the old one), then the stamp.
            var onDisk = WriteLock(session, locked) ?? lockFile;
            session.Downloads.Summarize();
            var restored = Result(session, locked.Environment, noOp: false);
            StampedNoOp.Record(session, gpu, onDisk.Sha256!, locked.Environment.Name, restored, warned: _log.Warnings != warningsBefore);
            _log.Message($"Python restore of {Path.GetFileName(request.ProjectPath)} took {clock.ElapsedMilliseconds} ms: interpreter and inputs {openedAt} ms, " +
                $"lock {lockedAt - openedAt} ms, environment {materializedAt - lockedAt} ms, lockfile and stamp {clock.ElapsedMilliseconds - materializedAt} ms.");
            return restored;
        }
        finally
        {
            await session.Wheels.AbandonAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Steps 3 and 4 for PythonLock's siblings (tree, why, export), and the lock written when it changed.</summary>
    private async Task<LockStep> LockAsync(RestoreSession session, CancellationToken cancellationToken)
    {
        var gpu = Gpu(session);
        var lockFile = LockFileOnDisk.Read(session.Request.LockFilePath);
        var backend = await BackendChoice.ChooseAsync(session, gpu, Reusable(session, lockFile), _log, cancellationToken).ConfigureAwait(false);
        var locked = await LockOrReuseAsync(session, backend, lockFile, cancellationToken).ConfigureAwait(false);
        WriteLock(session, locked);
        return locked;
    }

    private GpuInfo Gpu(RestoreSession session) => session.HasPyTorchFamily ? DetectGpu(session.Request) : GpuInfo.None;

    /// <summary>The lock when its inputs hash is this request's (and PythonUpdatePackages does not ask to re-resolve), else null.</summary>
    private static LockFile? Reusable(RestoreSession session, LockFileOnDisk lockFile) =>
        Current(session, lockFile) && (session.Request.UpdatePackages.Count == 0 || session.Request.FromLockFileOnly) ? lockFile.Parsed : null;

    // A lock written from the request as declared (before inputs were normalized) is as current as one of the normalized request.
    private static bool Current(RestoreSession session, LockFileOnDisk lockFile) => session.IsCurrent(lockFile.Parsed);

    /// <summary>This machine's lock section and the whole lockfile it belongs to; <paramref name="Changed"/> = resolved anew, to be written.</summary>
    private sealed record LockStep(LockedEnvironment Environment, LockFile LockFile, bool Changed);

    /// <summary>Writes a changed lock; returns the lock as now on disk, or null when the step reused the existing one.</summary>
    private LockFileOnDisk? WriteLock(RestoreSession session, LockStep step)
    {
        if (!step.Changed)
            return null;
        var path = session.Request.LockFilePath;
        var (onDisk, written) = LockFileOnDisk.Write(step.LockFile, path);
        if (written)
            _log.Message($"Wrote {path} ({step.Environment.Name}, {step.Environment.Packages.Count} packages).", important: true);
        return onDisk;
    }

    private async Task<LockStep> LockOrReuseAsync(RestoreSession session, BackendDecision? backend, LockFileOnDisk lockFile, CancellationToken cancellationToken)
    {
        var request = session.Request;
        var existing = lockFile.Parsed;
        var current = Current(session, lockFile);
        if (request.FromLockFileOnly)
            return new LockStep(Verified(session, LockFileOnlySection.Find(session, backend, existing, current, _log)), existing!, Changed: false);

        var sectionName = session.SectionName(backend);
        if (current && request.UpdatePackages.Count == 0 && existing!.FindEnvironment(sectionName) is { } reusable)
        {
            _log.Message($"Using {Path.GetFileName(request.LockFilePath)} ({sectionName}, {reusable.Packages.Count} packages).");
            return new LockStep(Verified(session, reusable), existing, Changed: false);
        }

        if (request.LockedMode)
        {
            var why = existing is null ? "there is no lockfile"
                : !current ? "the PythonPackage items or Python properties changed since it was written"
                : request.UpdatePackages.Count > 0 ? "PythonUpdatePackages asks to re-resolve"
                : $"it has no section for this machine ({sectionName})";
            throw new LlmPyException(existing is null || current ? DiagnosticCodes.Lock.MissingInLockedMode : DiagnosticCodes.Lock.OutOfDateInLockedMode,
                $"Python restore is in locked mode (PythonRestoreLockedMode=true), and {request.LockFilePath} cannot be used as is: {why}. Run a build without locked mode (or `dotnet build -t:PythonLock`) and commit the updated lockfile.");
        }

        var resolved = Verified(session, await SharedResolution.ResolveAsync(session, _log, backend, sectionName, existing, cancellationToken).ConfigureAwait(false));
        // Sections of other machines stay while the project inputs are unchanged; they are stale otherwise.
        var others = current ? existing!.Environments.Where(e => e.Name != sectionName) : [];
        return new LockStep(resolved, new LockFile { InputsHash = session.InputsHash, Environments = [.. others, resolved] }, Changed: true);
    }

    // --hash pins of requirements files: checked before the lock is written or any file is installed.
    private static LockedEnvironment Verified(RestoreSession session, LockedEnvironment environment)
    {
        ProjectFiles.HashPins.Verify(session.Request, environment);
        return environment;
    }

    private static RestoreResult Result(RestoreSession session, LockedEnvironment? environment, bool noOp)
    {
        var packages = environment?.Packages.Select(p => new ResolvedPackage(p.Name, p.Version, p.Url, p.Sha256)).ToList() ?? [];
        if (session.Request.LockOnly)
            return new RestoreResult(true, packages, null, null, noOp);
        var layout = VirtualEnvironmentLayout.For(session.EnvironmentDirectory, session.BaseInterpreter);
        return new RestoreResult(true, packages, session.BaseInterpreter.IsDescribed ? null : layout.Python, layout.SitePackages, noOp)
        {
            EnvironmentDirectory = layout.Root,
        };
    }
}
