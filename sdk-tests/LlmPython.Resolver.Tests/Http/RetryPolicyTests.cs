using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Tests.Http;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Delays_grow_exponentially_with_jitter_and_a_cap()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(1000) };
        var random = new Random(7);
        for (var retry = 1; retry <= 6; retry++)
        {
            var nominal = Math.Min(100 * Math.Pow(2, retry - 1), 1000);
            var delay = policy.DelayBefore(retry, random).TotalMilliseconds;
            Assert.InRange(delay, nominal * 0.5, nominal);
        }
        var spread = Enumerable.Range(0, 20).Select(_ => policy.DelayBefore(3, random)).Distinct().Count();
        Assert.True(spread > 1, "jitter makes delays differ");
    }
}
