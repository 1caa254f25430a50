using System.Diagnostics;
using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// Progress of the parallel downloads of one restore, at the build's default verbosity: at most every two
/// seconds, one line per large file in flight (name, bytes, %, speed, ETA), or one line for the whole set
/// when only small files move; and one summary line at the end of a restore that downloaded anything.
/// Cache hits are silent.
/// </summary>
internal sealed class DownloadProgressReporter
{
    /// <summary>Transfers at least this big get a line of their own.</summary>
    internal const long LargeFile = 50L * 1024 * 1024;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly IRestoreLog _log;
    private readonly Dictionary<string, long> _expected = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, (string FileName, DownloadProgress Progress)> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _done = new(StringComparer.Ordinal);
    private long _downloadedBytes;
    private int _downloaded;
    private TimeSpan _lastLine;
    private bool _summarized;

    public DownloadProgressReporter(IRestoreLog log) { _log = log; }

    /// <summary>A package's file (and its announced size) about to be fetched or found in the cache; said again, it counts once.</summary>
    public void Expect(string package, long? size)
    {
        lock (this) _expected[package] = Math.Max(size ?? 0, _expected.GetValueOrDefault(package));
    }

    public Action<DownloadProgress> For(string package, string fileName) => p =>
    {
        lock (this)
        {
            _inFlight[package] = (fileName, p);
            if (_clock.Elapsed - _lastLine < Interval) return;
            _lastLine = _clock.Elapsed;
            var large = _inFlight.Values.Where(f => (f.Progress.TotalBytes ?? f.Progress.BytesReceived) >= LargeFile).OrderBy(f => f.FileName, StringComparer.Ordinal).ToList();
            if (large.Count > 0)
            {
                foreach (var (name, progress) in large)
                    _log.Progress(FileLine(name, progress));
                return;
            }
            var moving = _done.Values.Sum() + _inFlight.Values.Sum(f => f.Progress.BytesReceived);
            _log.Progress($"Downloading Python packages: {_done.Count}/{_expected.Count} files, {Size(moving)} of {Size(_expected.Values.Sum())}, {Size((long)_inFlight.Values.Sum(f => f.Progress.BytesPerSecond))}/s");
        }
    };

    /// <summary>"Downloading torch-2.4.0-….whl: 512.0 MB of 1.5 GB (34 %), 8.0 MB/s, about 2 min 10 s left".</summary>
    internal static string FileLine(string fileName, DownloadProgress p)
    {
        var of = p.TotalBytes is { } total && total > 0 ? $" of {Size(total)} ({100.0 * p.BytesReceived / total:0} %)" : "";
        var eta = p.TotalBytes is { } t && p.BytesPerSecond > 0 ? $", about {Duration(TimeSpan.FromSeconds((t - p.BytesReceived) / p.BytesPerSecond))} left" : "";
        return $"Downloading {fileName}: {Size(p.BytesReceived)}{of}, {Size((long)p.BytesPerSecond)}/s{eta}";
    }

    public void Completed(string package, long size)
    {
        lock (this)
        {
            if (_inFlight.Remove(package, out var moved)) { _downloaded++; _downloadedBytes += moved.Progress.BytesReceived; }
            _done[package] = size;
        }
    }

    /// <summary>The closing line of a restore that downloaded anything (said once).</summary>
    public void Summarize()
    {
        if (_downloaded == 0 || _summarized) return;
        _summarized = true;
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        _log.Progress($"Downloaded {_downloaded} Python package file{(_downloaded == 1 ? "" : "s")} ({Size(_downloadedBytes)}) in {seconds:0.0} s " +
                     $"({Size((long)(_downloadedBytes / seconds))}/s); {_expected.Count - _downloaded} came from the cache.");
    }

    internal static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KB",
        _ => $"{bytes} B",
    };

    private static string Duration(TimeSpan span) => span.TotalMinutes >= 1
        ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
        : $"{Math.Max(1, (int)Math.Ceiling(span.TotalSeconds))} s";
}
