using System.Diagnostics;

namespace LlmPython.Benchmarks.Common;

/// <summary>Wall-clock timing: one run, or the median of several.</summary>
internal static class Timing
{
    public static TimeSpan Once(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    public static async Task<TimeSpan> OnceAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action().ConfigureAwait(false);
        return clock.Elapsed;
    }

    /// <summary>Median of <paramref name="runs"/> timings; <paramref name="before"/> runs untimed before each one (resetting state).</summary>
    public static TimeSpan Median(int runs, Action action, Action? before = null)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            before?.Invoke();
            times.Add(Once(action));
        }
        return MedianOf(times);
    }

    public static TimeSpan MedianOf(IReadOnlyList<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Ms(TimeSpan t) => t.TotalMilliseconds < 10 ? $"{t.TotalMilliseconds:0.00} ms" : $"{t.TotalMilliseconds:0} ms";

    /// <summary>"12.3×": how many times <paramref name="slow"/> takes longer than <paramref name="fast"/>.</summary>
    public static string Ratio(TimeSpan slow, TimeSpan fast) =>
        fast <= TimeSpan.Zero ? "n/a" : $"{slow.TotalMilliseconds / fast.TotalMilliseconds:0.00}×";
}
