namespace LlmPython.Resolver.Http;

/// <summary>How often and how patiently transient failures (5xx, 408, 429, stalls, resets) are retried.</summary>
public sealed record RetryPolicy
{
    /// <summary>
    /// Tries in a row that may fail without receiving a byte, the first included. A try that received
    /// bytes before failing resets the count (a resumable download makes progress on every try).
    /// </summary>
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);
    /// <summary>Longest wait a server may ask for with Retry-After before the try counts as failed.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>
    /// PythonHttpTimeout: a try fails when the response headers, or the next bytes of the body, do not arrive
    /// within this time. There is no limit on a whole transfer (like pip's and uv's read timeouts).
    /// </summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Safety bound on tries that made progress, so a server that always cuts a page short cannot loop forever.</summary>
    public int MaxTriesWithProgress { get; init; } = 100;

    /// <summary>
    /// Exponential backoff with jitter: base·2^(n−1), capped, then scaled by a random factor in [0.5, 1)
    /// so parallel builds that failed together do not retry in lockstep.
    /// </summary>
    public TimeSpan DelayBefore(int retry, Random random)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + random.NextDouble() / 2));
    }
}
