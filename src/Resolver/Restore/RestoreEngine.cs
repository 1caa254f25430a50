using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Interpreters;
using LlmPython.Resolver.Locking;

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
/// Resolve + lock + materialize, as the PythonRestore target asks. Order of work: validate the items,
/// find the interpreter, choose the PyTorch backend, then the cheapest path that is still correct:
/// no-op (stamp matches and the environment is intact) → install from the lock (inputs unchanged) →
/// resolve, write the lock, install. A failure anywhere leaves the previous lock and environment.
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
        Guard(request, async () => LockedGraph.Tree(await LockAsync(request, cancellationToken).ConfigureAwait(false)))
        ?? "(no resolution: see the errors above)";

    /// <summary>Every path from a top-level PythonPackage to <paramref name="package"/>, one per line.</summary>
    public string ExplainWhy(RestoreRequest request, string package, CancellationToken cancellationToken = default) =>
        Guard(request, async () =>
        {
            var environment = await LockAsync(request, cancellationToken).ConfigureAwait(false);
            var why = LockedGraph.Why(environment, package);
            // A build-variant wheel (flash-attn +cu123torch2.4cxx11abiFALSE): which file fits and why the others do not.
            var variant = await BuildVariantReport.DescribeAsync(RestoreSession.Open(request, _log), _log, environment, package, cancellationToken).ConfigureAwait(false);
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
            var gpu = session.HasPyTorchFamily ? DetectGpu(request) : GpuInfo.None;
            WriteLock(session, await LockCoreAsync(session, gpu, cancellationToken).ConfigureAwait(false));
            var lockFile = LockFileReader.TryRead(request.LockFilePath) ?? new LockFile { InputsHash = "" };
            var written = Exporting.LockExporter.Export(lockFile, request.LockFilePath, session.ProjectDirectory, outputDirectory, parsed, session.Request.FindLinks);
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
            return GpuReport.Describe(gpu, decision, session.Target);
        }) ?? "(no GPU report: see the errors above)";

    private T? Guard<T>(RestoreRequest request, Func<Task<T>> work) where T : class
    {
        try
        {
            return work().GetAwaiter().GetResult();
        }
        catch (LlmPyException e)
        {
            _log.Error(e.Code, e.Message, e.SourceFile ?? request.ProjectPath, e.SourceLine);
            return null;
        }
    }

    private async Task<RestoreResult> RunAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var warningsBefore = _log.Warnings;
        var session = RestoreSession.Open(request, _log);
        var gpu = session.HasPyTorchFamily ? DetectGpu(request) : GpuInfo.None;
        var stampPath = session.StampPath;
        var lockBytes = File.Exists(request.LockFilePath) ? await File.ReadAllBytesAsync(request.LockFilePath, cancellationToken).ConfigureAwait(false) : null;
        var machine = session.MachineFingerprint(gpu);

        // 1. No-op: same inputs, same lock bytes, same machine, environment intact → nothing to do, no network.
        if (!request.LockOnly && lockBytes is not null && (request.UpdatePackages.Count == 0 || request.FromLockFileOnly)
            && RestoreStamp.TryRead(stampPath) is { } stamp
            && stamp.InputsHash == session.InputsHash && stamp.LockSha256 == Sha256(lockBytes)
            && stamp.EnvironmentName == machine && stamp.EnvironmentDirectory == Path.GetFullPath(session.EnvironmentDirectory)
            && EnvironmentMaterializer.IsIntact(session.EnvironmentDirectory, session.BaseInterpreter))
        {
            _log.Message($"All Python packages for {Path.GetFileName(request.ProjectPath)} are up-to-date (no-op restore, {stamp.EnvironmentDirectory}).");
            var locked = LockFileReader.Parse(System.Text.Encoding.UTF8.GetString(lockBytes));
            var section = locked.Environments.FirstOrDefault(e => e.Name == stamp.LockSection);
            var noOp = Result(request, session, section, noOp: true);
            var updated = WithNoOpKey(stamp, request, session, gpu, noOp, warningsBefore);
            if (!SameFastPath(stamp, updated))
                updated.Write(stampPath);
            return noOp;
        }

        // 2./3. The lock section for this machine: reused when current, else resolved (not in locked mode).
        session.Wheels.UnpackAhead = !request.LockOnly;
        var lockStep = await LockCoreAsync(session, gpu, cancellationToken).ConfigureAwait(false);
        var environment = lockStep.Environment;
        if (request.LockOnly)
        {
            WriteLock(session, lockStep);
            session.Downloads.Summarize();
            return Result(request, session, environment, noOp: false);
        }
        // A publish for another platform (-r win-x64 on Linux) fills its own folder (obj/python/rid/win-x64/) with
        // the target's wheels in the target's layout: nothing runs them here; the publish step ships them.
        await new EnvironmentMaterializer(session, _log, gpu).MaterializeAsync(environment, cancellationToken).ConfigureAwait(false);
        // The new lock is written only once its environment is installed: a refused wheel or failed build keeps the old one.
        WriteLock(session, lockStep);
        session.Downloads.Summarize();
        var newLockBytes = await File.ReadAllBytesAsync(request.LockFilePath, cancellationToken).ConfigureAwait(false);
        var restored = Result(request, session, environment, noOp: false);
        var newStamp = new RestoreStamp(session.InputsHash, Sha256(newLockBytes), machine, Path.GetFullPath(session.EnvironmentDirectory))
        { LockSection = environment.Name };
        WithNoOpKey(newStamp, request, session, gpu, restored, warningsBefore).Write(stampPath);
        return restored;
    }

    private async Task<LockedEnvironment> LockAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var session = RestoreSession.Open(request, _log);
        var gpu = session.HasPyTorchFamily ? DetectGpu(request) : GpuInfo.None;
        var locked = await LockCoreAsync(session, gpu, cancellationToken).ConfigureAwait(false);
        WriteLock(session, locked);
        return locked.Environment;
    }

    /// <summary>This machine's lock section, and the whole lockfile to write when it was resolved anew (null when reused).</summary>
    private sealed record LockStep(LockedEnvironment Environment, LockFile? ToWrite);

    private void WriteLock(RestoreSession session, LockStep step)
    {
        if (step.ToWrite is null)
            return;
        var path = session.Request.LockFilePath;
        if (LockFileWriter.WriteIfChanged(step.ToWrite, path))
            _log.Message($"Wrote {path} ({step.Environment.Name}, {step.Environment.Packages.Count} packages).", important: true);
    }

    private async Task<LockStep> LockCoreAsync(RestoreSession session, GpuInfo gpu, CancellationToken cancellationToken)
    {
        var request = session.Request;
        var existing = LockFileReader.TryRead(request.LockFilePath);
        var current = existing is not null && existing.InputsHash == session.InputsHash;
        if (request.FromLockFileOnly)
            return new LockStep(Verified(session, await LockFileOnlySection.FindAsync(session, gpu, existing, current, _log, cancellationToken).ConfigureAwait(false)), null);

        // Choose the backend first against the lock (no network), so a current lock is reused offline.
        BackendDecision? backend = null;
        if (session.HasPyTorchFamily)
        {
            if (current && request.UpdatePackages.Count == 0)
                backend = await session.ChooseBackendAsync(gpu, existing!, cancellationToken).ConfigureAwait(false);
            if (backend is null || existing!.FindEnvironment(session.SectionName(backend)) is null)
                backend = await session.ChooseBackendAsync(gpu, probeIndexes: !request.Offline, cancellationToken).ConfigureAwait(false);
            foreach (var warning in backend.Warnings)
                _log.Warning(warning.Code, warning.Message, request.ProjectPath);
            _log.Message($"PyTorch backend: {backend.Backend} ({backend.Explanation})", important: true);
        }
        var sectionName = session.SectionName(backend);

        if (current && request.UpdatePackages.Count == 0 && existing!.FindEnvironment(sectionName) is { } reusable)
        {
            _log.Message($"Using {Path.GetFileName(request.LockFilePath)} ({sectionName}, {reusable.Packages.Count} packages).");
            return new LockStep(Verified(session, reusable), null);
        }

        if (request.LockedMode)
        {
            var why = existing is null ? "there is no lockfile"
                : !current ? "the PythonPackage items or Python properties changed since it was written"
                : request.UpdatePackages.Count > 0 ? "PythonUpdatePackages asks to re-resolve"
                : $"it has no section for this machine ({sectionName})";
            throw new LlmPyException(existing is null || current ? LockFileDiagnostics.MissingInLockedMode : LockFileDiagnostics.OutOfDateInLockedMode,
                $"Python restore is in locked mode (PythonRestoreLockedMode=true), and {request.LockFilePath} cannot be used as is: {why}. Run a build without locked mode (or `dotnet build -t:PythonLock`) and commit the updated lockfile.");
        }

        var resolved = Verified(session, await SharedResolution.ResolveAsync(session, _log, backend, sectionName, existing, cancellationToken).ConfigureAwait(false));
        // Sections of other machines stay while the project inputs are unchanged; they are stale otherwise.
        var others = current ? existing!.Environments.Where(e => e.Name != sectionName) : [];
        return new LockStep(resolved, new LockFile { InputsHash = session.InputsHash, Environments = [.. others, resolved] });
    }

    // --hash pins of requirements files: checked before the lock is written or any file is installed.
    private static LockedEnvironment Verified(RestoreSession session, LockedEnvironment environment)
    {
        ProjectFiles.HashPins.Verify(session.Request, environment);
        return environment;
    }

    /// <summary>
    /// The stamp with the fast path's record (<see cref="StampedNoOp"/>), or without it when the key cannot
    /// vouch for the result: a detected GPU (the key does not see the hardware), warnings a no-op would not repeat.
    /// </summary>
    private RestoreStamp WithNoOpKey(RestoreStamp stamp, RestoreRequest request, RestoreSession session, GpuInfo gpu, RestoreResult result, int warningsBefore)
    {
        var cleared = stamp with { NoOpKey = null, Packages = null, EnvironmentPython = null, SitePackages = null, Files = null };
        // A described target (publish -r for another platform) has no interpreter to stat: the engine's no-op serves it.
        if (request.NoOpKey is null || _log.Warnings != warningsBefore || (session.HasPyTorchFamily && !gpu.IsDescribed)
            || session.BaseInterpreter.IsDescribed || !ExecutableIsTheInterpreter(request, session))
            return cleared;
        var files = StampedNoOp.CaptureFiles(session.EnvironmentDirectory, session.BaseInterpreter);
        return files is null ? cleared : cleared with
        {
            NoOpKey = request.NoOpKey, Packages = result.Packages, EnvironmentPython = result.EnvironmentPython,
            SitePackages = result.SitePackages, Files = files,
        };
    }

    // A PythonExecutable that is a wrapper or shim can switch interpreters without changing itself: only the engine's probe sees that.
    private static bool ExecutableIsTheInterpreter(RestoreRequest request, RestoreSession session) =>
        request.PythonExecutable is null
        || InterpreterInfoCache.RealPath(request.PythonExecutable) == InterpreterInfoCache.RealPath(session.BaseInterpreter.Executable);

    private static bool SameFastPath(RestoreStamp a, RestoreStamp b) =>
        a.NoOpKey == b.NoOpKey && a.EnvironmentPython == b.EnvironmentPython && a.SitePackages == b.SitePackages
        && (a.Files ?? []).SequenceEqual(b.Files ?? []) && (a.Packages ?? []).SequenceEqual(b.Packages ?? []);

    private static RestoreResult Result(RestoreRequest request, RestoreSession session, LockedEnvironment? environment, bool noOp)
    {
        var packages = environment?.Packages.Select(p => new ResolvedPackage(p.Name, p.Version, p.Url, p.Sha256)).ToList() ?? [];
        if (request.LockOnly)
            return new RestoreResult(true, packages, null, null, noOp);
        var layout = VirtualEnvironmentLayout.For(session.EnvironmentDirectory, session.BaseInterpreter);
        return new RestoreResult(true, packages, session.BaseInterpreter.IsDescribed ? null : layout.Python, layout.SitePackages, noOp)
        {
            EnvironmentDirectory = layout.Root,
        };
    }

    internal static string Sha256(byte[] bytes) => StampedNoOp.Sha256(bytes);
}
