using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Resolution;

/// <summary>
/// Resolves requirements with PubGrub (unit propagation, decisions, conflict resolution with learned
/// incompatibilities, backjumping). Failures throw <see cref="ResolutionException"/> with a derivation.
/// </summary>
public sealed class PubGrubResolver
{
    private readonly IResolverSource _source;

    public PubGrubResolver(IResolverSource source) { _source = source; }

    public Task<ResolutionResult> ResolveAsync(ResolutionRequest request, CancellationToken cancellationToken = default) =>
        new PubGrubRun(request, _source, cancellationToken).RunAsync();
}
