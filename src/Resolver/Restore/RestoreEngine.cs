namespace LlmPython.Resolver.Restore;

/// <summary>Where the engine reports progress and diagnostics (the MSBuild task forwards to its logger).</summary>
public interface IRestoreLog
{
    /// <summary>A progress or info line; <paramref name="important"/> = shown at normal verbosity.</summary>
    void Message(string text, bool important = false);
    void Warning(string code, string message, string? file = null);
    void Error(string code, string message, string? file = null);
}

/// <summary>One locked package as the build sees it (becomes a PythonResolvedPackage item).</summary>
public sealed record ResolvedPackage(string Name, string Version, string Url, string Sha256);

public sealed record RestoreResult(
    bool Success,
    IReadOnlyList<ResolvedPackage> Packages,
    /// <summary>The venv's interpreter (PythonEnvironmentPython), when an environment was built.</summary>
    string? EnvironmentPython,
    string? SitePackages,
    /// <summary>True when nothing had to be done (inputs, lock and environment unchanged).</summary>
    bool NoOp);

// CONTRACT STUB: the lead implements this; keep these public signatures.
/// <summary>Resolve + lock + materialize, as the PythonRestore target asks.</summary>
public sealed class RestoreEngine
{
    private readonly IRestoreLog _log;
    public RestoreEngine(IRestoreLog log) { _log = log; }
    public RestoreResult Run(RestoreRequest request, CancellationToken cancellationToken = default)
    {
        _log.Message("LlmPython: restore engine not implemented yet");
        throw new NotImplementedException();
    }

    // CONTRACT STUB: the lead implements this; the PythonTree target prints its result.
    /// <summary>The resolved graph as indented text (from the lock when it is current, else resolving).</summary>
    public string DescribeTree(RestoreRequest request, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    // CONTRACT STUB: the lead implements this; the PythonWhy target prints its result.
    /// <summary>Every path from a top-level PythonPackage to <paramref name="package"/>, one per line.</summary>
    public string ExplainWhy(RestoreRequest request, string package, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    // CONTRACT STUB: the lead implements this; the PythonGpuInfo target prints its result.
    /// <summary>Detected driver/GPU, the candidate backends and which one would be chosen and why.</summary>
    public string DescribeGpu(RestoreRequest request, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
