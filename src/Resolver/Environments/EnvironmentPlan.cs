namespace LlmPython.Resolver.Environments;

/// <summary>
/// What an update must do to an environment (the planner's answer, like uv's install plan): which installed
/// distributions stay, which .dist-info folders go, which wheels are installed.
/// </summary>
/// <param name="Layout">The environment's layout (root, site-packages, bin).</param>
/// <param name="Reusable">The environment exists for the same base interpreter with an intact skeleton: it is updated in place (by a staging copy) rather than rebuilt.</param>
/// <param name="Kept">Installed distributions left as they are, by normalized project name.</param>
/// <param name="ToRemove">.dist-info folder names (in site-packages) to uninstall.</param>
/// <param name="ToInstall">Wheels to install, ordered by normalized project name.</param>
public sealed record EnvironmentPlan(
    VirtualEnvironmentLayout Layout,
    bool Reusable,
    IReadOnlyDictionary<string, EnvironmentState.Package> Kept,
    IReadOnlyList<string> ToRemove,
    IReadOnlyList<DesiredWheel> ToInstall)
{
    /// <summary>Nothing to change: the environment already holds exactly the wanted wheels.</summary>
    public bool IsNoOp => Reusable && ToRemove.Count == 0 && ToInstall.Count == 0;

    /// <summary>The projects of <see cref="ToRemove"/>, sorted, each once.</summary>
    public IReadOnlyList<string> RemovedProjects => ToRemove.Select(EnvironmentPlanner.ProjectOf).Distinct().Order(StringComparer.Ordinal).ToList();
}
