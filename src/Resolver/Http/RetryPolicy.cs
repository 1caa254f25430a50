namespace LlmPython.Resolver.Http;

/// <summary>How often and how patiently transient failures (5xx, 408, 429, timeouts, resets) are retried.</summary>
public sealed record RetryPolicy
{
    /// <summary>Total tries, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);
    /// <summary>Time allowed for one try (headers and body).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

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
