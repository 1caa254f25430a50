using LlmPython.Resolver.Indexes;

namespace LlmPython.Resolver.Restore;

/// <summary>The file chosen for one candidate version, and the source (index URL, find-links, direct) that listed it.</summary>
public sealed record CandidateFile(DistributionFile File, string Source);
