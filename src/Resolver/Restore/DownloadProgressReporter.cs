using System.Diagnostics;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// Progress of the parallel downloads of one restore: a line at most every two seconds while
/// bytes move (files done, bytes, speed), and one summary line at the end. Cache hits are silent.
/// </summary>
internal sealed class DownloadProgressReporter
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly IRestoreLog _log;
    private readonly int _files;
    private readonly long _totalBytes;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, long> _inFlight = new(StringComparer.Ordinal);
    private long _doneBytes;
    private long _downloadedBytes;
    private int _done;
    private int _downloaded;
    private TimeSpan _lastLine;

    public DownloadProgressReporter(IRestoreLog log, int files, long totalBytes)
    {
        _log = log;
        _files = files;
        _totalBytes = totalBytes;
    }

    public Action<DownloadProgress> For(string package) => p =>
    {
        lock (this)
        {
            _inFlight[package] = p.BytesReceived;
            if (_clock.Elapsed - _lastLine < Interval) return;
            _lastLine = _clock.Elapsed;
            var moving = _doneBytes + _inFlight.Values.Sum();
            _log.Message($"Downloading Python packages: {_done}/{_files} files, {Size(moving)} of {Size(_totalBytes)}, {Size((long)(_downloadedBytes / Math.Max(_clock.Elapsed.TotalSeconds, 0.001)))}/s", important: true);
        }
    };

    public void Completed(string package, long size)
    {
        lock (this)
        {
            if (_inFlight.Remove(package, out var received)) { _downloaded++; _downloadedBytes += received; }
            _doneBytes += size;
            _done++;
        }
    }

    public void Summarize()
    {
        if (_downloaded == 0) return;
        _log.Message($"Downloaded {_downloaded} Python package files ({Size(_downloadedBytes)}) in {_clock.Elapsed.TotalSeconds:0.0} s; {_files - _downloaded} came from the cache.", important: true);
    }

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KB",
        _ => $"{bytes} B",
    };
}
