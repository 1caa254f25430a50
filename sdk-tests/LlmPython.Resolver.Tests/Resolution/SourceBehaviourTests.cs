using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;

namespace LlmPython.Resolver.Tests.Resolution;

/// <summary>How the solver uses its source: parallel prefetch, failures, step budget.</summary>
public class SourceBehaviourTests
{
    /// <summary>Delays metadata and records how many requests were in flight at once.</summary>
    private sealed class SlowSource(IResolverSource inner, Func<PackageName, Exception?>? fail = null) : IResolverSource
    {
        private int _inFlight;
        public int MaxInFlight;

        public Task<IReadOnlyList<ResolverCandidate>?> GetVersionsAsync(PackageName name, CancellationToken cancellationToken) =>
            fail?.Invoke(name) is { } e ? Task.FromException<IReadOnlyList<ResolverCandidate>?>(e) : inner.GetVersionsAsync(name, cancellationToken);

        public async Task<IReadOnlyList<Requirement>> GetDependenciesAsync(PackageName name, ResolverCandidate candidate, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            lock (this) MaxInFlight = Math.Max(MaxInFlight, now);
            await Task.Delay(100, cancellationToken);
            Interlocked.Decrement(ref _inFlight);
            return await inner.GetDependenciesAsync(name, candidate, cancellationToken);
        }
    }

    private static ResolutionRequest Request(string root, bool prefetch = true) => new()
    {
        Roots = [new ResolutionRoot(Requirement.Parse(root))],
        Environment = HostEnvironment.Linux("3.11.7"),
        Prefetch = prefetch,
    };

    private static InMemoryResolverSource Fanout() => new InMemoryResolverSource()
        .Add("a", "1.0", ["b", "c", "d"]).Add("b", "1.0", ["e"]).Add("c", "1.0", ["e"]).Add("d", "1.0", ["e"]).Add("e", "1.0");

    [Fact]
    public async Task MetadataIsPrefetchedInParallel()
    {
        var source = new SlowSource(Fanout());
        var result = await new PubGrubResolver(source).ResolveAsync(Request("a"));
        Assert.Equal(5, result.Packages.Count);
        Assert.True(source.MaxInFlight >= 3, $"at most {source.MaxInFlight} metadata requests ran at once");
    }

    [Fact]
    public async Task WithoutPrefetchOneRequestAtATime()
    {
        var source = new SlowSource(Fanout());
        await new PubGrubResolver(source).ResolveAsync(Request("a", prefetch: false));
        Assert.Equal(1, source.MaxInFlight);
    }

    [Fact]
    public async Task SourceErrorsBecomeDiagnostics()
    {
        var source = new SlowSource(Fanout(), n => n.Value == "c" ? new HttpRequestException("connection refused") : null);
        var e = await Assert.ThrowsAsync<LlmPyException>(() => new PubGrubResolver(source).ResolveAsync(Request("a")));
        Assert.Equal(DiagnosticCodes.Resolution.SourceFailure, e.Code);
        Assert.Equal("c", e.PackageName);
        Assert.Contains("connection refused", e.Message);
    }

    [Fact]
    public async Task StepBudgetGivesItsOwnCode()
    {
        var request = Request("a") with { MaxSteps = 2 };
        var e = await Assert.ThrowsAsync<LlmPyException>(() => new PubGrubResolver(Fanout()).ResolveAsync(request));
        Assert.Equal(DiagnosticCodes.Resolution.TooComplex, e.Code);
    }
}
