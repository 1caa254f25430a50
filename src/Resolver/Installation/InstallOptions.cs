namespace LlmPython.Resolver.Installation;

/// <summary>How one wheel is installed.</summary>
public sealed record InstallOptions
{
    /// <summary>The user asked for this distribution (a top-level item): writes <c>REQUESTED</c>.</summary>
    public bool Requested { get; init; }

    /// <summary>PEP 610 URL of a wheel given by path or URL (not from an index): writes <c>direct_url.json</c>.</summary>
    public string? DirectUrl { get; init; }

    /// <summary>Run the environment's python <c>-m compileall</c> on the installed .py files and record the .pyc.</summary>
    public bool CompileBytecode { get; init; }

    /// <summary>Replace files that already exist (otherwise LLMPY0809).</summary>
    public bool OverwriteExisting { get; init; }

    /// <summary>Place files by hardlink from the unpacked wheel (copy fallback); false always copies.</summary>
    public bool UseHardLinks { get; init; } = true;
}
