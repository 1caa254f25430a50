namespace LlmPython.Resolver.Restore;

/// <summary>
/// What <see cref="RequestValidator"/> hands to every later step: the request with its items normalized (so two
/// spellings of one input are one input, also for the lock's inputs hash) and its merged root requirements.
/// </summary>
public sealed record ValidatedRequest(RestoreRequest Request, IReadOnlyList<RootRequirement> Roots);
