using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// The files of one restore on their way into the cache: at most <see cref="ParallelDownloads"/> transfers at a
/// time (with progress), and, once <see cref="UnpackAhead"/> is on, each newly downloaded wheel unpacked into the
/// cache (<see cref="UnpackedWheelStore"/>) as soon as its transfer ends, while the others still download — whether
/// the file was fetched by the lock step (an index without sizes or hashes) or by the environment's materializer.
/// The install stage then finds every wheel unpacked. <see cref="DrainAsync"/> waits for the unpacks and reports the first failure;
/// <see cref="AbandonAsync"/> (a restore that ends before its install) stops them, so none runs on after the restore returns.
/// </summary>
internal sealed class WheelPipeline : IDisposable
{
    private const int ParallelDownloads = 4;
    private readonly RestoreSession _session;
    private readonly SemaphoreSlim _downloadSlots = new(ParallelDownloads);
    private readonly SemaphoreSlim _unpackSlots = new(Environment.ProcessorCount);
    private readonly List<Task> _unpacks = [];
    private readonly CancellationTokenSource _abandoned = new();

    public WheelPipeline(RestoreSession session) { _session = session; }

    /// <summary>Unpack downloaded wheels right away: set by a restore that will install them (not by lock-only or reporting commands).</summary>
    public bool UnpackAhead { get; set; }

    /// <summary>Fetches one package's file (or finds it in the cache); returns when the transfer ends, its unpack running on.</summary>
    public async Task<DownloadedFile> FetchAsync(string package, Uri url, string? sha256, string fileName, long? size, CancellationToken cancellationToken)
    {
        var downloads = _session.Downloads;
        downloads.Expect(package, size);
        DownloadedFile file;
        await _downloadSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            file = await new WheelDownloader(_session.Http, _session.Cache)
                .DownloadAsync(url, sha256, downloads.For(package, fileName), cancellationToken, fileName).ConfigureAwait(false);
            downloads.Completed(package, file.Size);
        }
        finally { _downloadSlots.Release(); }
        if (UnpackAhead && !file.FromCache && fileName.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
            lock (_unpacks) _unpacks.Add(UnpackAsync(file, fileName, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abandoned.Token)));
        return file;
    }

    /// <summary>Waits for every unpack started so far; rethrows the first failure (its LLMPY code names the wheel).</summary>
    public async Task DrainAsync()
    {
        Task[] pending;
        lock (_unpacks) pending = [.. _unpacks];
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels the unpacks not finished yet (one being written stops at its next member; the cache never files a partial
    /// entry) and waits until none runs. Their failures are not reported: the restore is already ending with its own.
    /// </summary>
    public async Task AbandonAsync()
    {
        Task[] pending;
        lock (_unpacks) pending = [.. _unpacks];
        if (pending.All(t => t.IsCompleted)) return;
        _abandoned.Cancel();
        try { await Task.WhenAll(pending).ConfigureAwait(false); }
        catch (Exception) { } // cancelled, or failed: either way it has stopped
    }

    private async Task UnpackAsync(DownloadedFile file, string fileName, CancellationTokenSource cancellation)
    {
        using (cancellation)
        {
            await _unpackSlots.WaitAsync(cancellation.Token).ConfigureAwait(false);
            try { await new UnpackedWheelStore(_session.Cache).GetAsync(file.Path, file.Sha256, fileName, cancellation.Token).ConfigureAwait(false); }
            finally { _unpackSlots.Release(); }
        }
    }

    public void Dispose()
    {
        _downloadSlots.Dispose();
        _unpackSlots.Dispose();
        _abandoned.Dispose();
    }
}
