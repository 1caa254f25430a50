using LlmPython.Resolver.Installation;

namespace LlmPython.Resolver.Environments;

/// <summary>What an update did: names installed and removed, how files were placed, and warnings of the installs.</summary>
/// <param name="NoOp">Nothing changed: the environment already matched and passed the integrity check.</param>
public sealed record EnvironmentUpdateResult(
    VirtualEnvironmentLayout Layout,
    bool NoOp,
    IReadOnlyList<string> Installed,
    IReadOnlyList<string> Removed,
    int Unchanged,
    int LinkedFiles,
    int CopiedFiles)
{
    public IReadOnlyList<InstallWarning> Warnings { get; init; } = [];
}
