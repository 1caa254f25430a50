using System.Diagnostics;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// Turns a lock section into obj/python/venv: fetches every wheel into the cache (in parallel, with
/// progress, each unpacked as it arrives), then lets the environment updater change only what differs, atomically.
/// </summary>
internal sealed class EnvironmentMaterializer
{
    private readonly RestoreSession _session;
    private readonly IRestoreLog _log;

    private readonly Accelerators.GpuInfo? _gpu;

    public EnvironmentMaterializer(RestoreSession session, IRestoreLog log, Accelerators.GpuInfo? gpu = null)
    {
        _session = session;
        _log = log;
        _gpu = gpu;
    }

    public async Task MaterializeAsync(LockedEnvironment environment, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var files = await DownloadAllAsync(environment.Packages, cancellationToken).ConfigureAwait(false);
        await BuildSdistsAsync(environment, files, cancellationToken).ConfigureAwait(false);
        var desired = environment.Packages.Select(p => new DesiredWheel(
            p.Name, p.Version, files[p.Name].Path, files[p.Name].Sha256, p.Requested,
            DirectUrl: p.Source == Resolution.IndexResolverSource.DirectSource ? ResolveUrl(p.Url).AbsoluteUri : null,
            FileName: p.BuildFromSource ? Path.GetFileName(files[p.Name].Path) : p.FileName)).ToList();
        var updater = new EnvironmentUpdater(new UnpackedWheelStore(_session.Cache)) { CompileBytecode = _session.Request.CompileBytecode && _session.Target.IsHost };
        var result = await updater.UpdateAsync(_session.EnvironmentDirectory, _session.BaseInterpreter, desired, cancellationToken).ConfigureAwait(false);
        foreach (var warning in result.Warnings)
            _log.Warning(warning.Code, warning.Message, _session.Request.ProjectPath, warning.PackageName);
        _log.Message(result.NoOp
            ? $"Python environment {result.Layout.Root} already matches the lock."
            : $"Python environment {result.Layout.Root}: {result.Installed.Count} installed, {result.Removed.Count} removed, {result.Unchanged} unchanged " +
              $"({result.LinkedFiles} files linked, {result.CopiedFiles} copied) in {started.Elapsed.TotalSeconds:0.0} s.", important: true);
    }

    /// <summary>Replaces each locked sdist by its built wheel (the cached build when this sdist was built before with the same settings).</summary>
    private async Task BuildSdistsAsync(LockedEnvironment environment, Dictionary<string, DownloadedFile> files, CancellationToken cancellationToken)
    {
        var sdists = environment.Packages.Where(p => p.BuildFromSource).ToList();
        if (sdists.Count == 0) return;
        var backendUrl = environment.Backend is { } b ? Accelerators.BackendSelector.IndexUrlFor(_session.Request.PyTorchIndexUrl, b) : null;
        var builds = new SourceBuilds(_session, () => new LockResolver(_session, _log).CreateSource(environment.Backend, backendUrl));
        var torch = environment.Find("torch")?.Version;
        foreach (var p in sdists)
        {
            var sdist = files[p.Name];
            var built = builds.Builder.BuildsRun;
            var wheel = await builds.Builder.BuildWheelAsync(builds.Input(p.Name, p.Version, sdist.Path, p.FileName, p.Sha256, torch, _gpu), cancellationToken).ConfigureAwait(false);
            _log.Message(builds.Builder.BuildsRun > built ? $"Built {Path.GetFileName(wheel)} from {p.FileName}." : $"Using the cached build {Path.GetFileName(wheel)} of {p.FileName}.", important: builds.Builder.BuildsRun > built);
            files[p.Name] = new DownloadedFile(wheel, RecordHash.FileSha256Hex(wheel), new FileInfo(wheel).Length);
        }
    }

    /// <summary>Every locked file into the cache (wheels unpacked as they arrive, <see cref="WheelPipeline"/>); returns when all are unpacked.</summary>
    private async Task<Dictionary<string, DownloadedFile>> DownloadAllAsync(IReadOnlyList<LockedPackage> packages, CancellationToken cancellationToken)
    {
        foreach (var p in packages) _session.Downloads.Expect(p.Name, p.Size);
        var files = await Task.WhenAll(packages.Select(p =>
            _session.Wheels.FetchAsync(p.Name, ResolveUrl(p.Url), p.Sha256, p.FileName, p.Size, cancellationToken))).ConfigureAwait(false);
        await _session.Wheels.DrainAsync().ConfigureAwait(false);
        StagingPruner.Prune(_session.Cache);
        return packages.Zip(files).ToDictionary(f => f.First.Name, f => f.Second, StringComparer.Ordinal);
    }

    /// <summary>Lock URLs are absolute, or project-relative for local wheels.</summary>
    private Uri ResolveUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var absolute) && !string.IsNullOrEmpty(absolute.Scheme) && absolute.Scheme.Length > 1
            ? absolute
            : new Uri(Path.GetFullPath(Path.Combine(_session.ProjectDirectory, url)));
}
