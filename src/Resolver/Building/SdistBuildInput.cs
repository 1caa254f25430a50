namespace LlmPython.Resolver.Building;

/// <summary>One sdist to build, and what the build depends on besides the sdist itself (all part of the built-wheel cache key).</summary>
public sealed record SdistBuildInput(string Name, string Version, string SdistPath, string FileName, string Sha256)
{
    /// <summary>PEP 517 config settings (<c>BuildSettings</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    /// <summary>Pinned requirements added to the build environment (the locked torch for <c>BuildRequires="torch"</c>).</summary>
    public IReadOnlyList<string> ExtraRequirements { get; init; } = [];
    /// <summary>Environment variables for the hooks (<c>TORCH_CUDA_ARCH_LIST</c>, <c>MAX_JOBS</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}

/// <summary>Creates a build environment: a venv at the given folder holding wheels that satisfy the requirements.</summary>
public interface IBuildEnvironmentInstaller
{
    /// <summary>Resolves <paramref name="requirements"/> (wheels only) and installs them into the venv at <paramref name="folder"/>; returns its interpreter.</summary>
    Task<string> InstallAsync(string folder, IReadOnlyList<string> requirements, string forPackage, CancellationToken cancellationToken);
}
