using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;
using static LlmPython.Tasks.RestoreSettingContext;

namespace LlmPython.Tasks;

/// <summary>
/// The table of restore settings (like NuGet's <c>_RestoreGraphEntry</c> metadata): the targets put each property on one
/// <c>_PythonRestoreSettings</c> item, every engine task takes that item, and this table alone turns it into the
/// <see cref="RestoreRequest"/> and into the no-op key. A new property is one row here and one attribute in the targets.
/// </summary>
internal static class RestoreSettingTable
{
    public const string DefaultIndexUrl = "https://pypi.org/simple";
    public const string DefaultPyTorchIndexUrl = "https://download.pytorch.org/whl";

    public static readonly IReadOnlyList<RestoreSetting> All =
    [
        new("PythonVersion", nameof(RestoreRequest.PythonVersion), (r, v, _) => r with { PythonVersion = v }),
        new("PythonExecutable", nameof(RestoreRequest.PythonExecutable), (r, v, c) => r with { PythonExecutable = c.FullPath(v) }),
        new("PythonIndexUrl", nameof(RestoreRequest.PythonIndexUrl), (r, v, _) => r with { PythonIndexUrl = v ?? DefaultIndexUrl }),
        new("PyTorchIndexUrl", nameof(RestoreRequest.PyTorchIndexUrl), (r, v, _) => r with { PyTorchIndexUrl = v ?? DefaultPyTorchIndexUrl }),
        new("RestoreConfigFile", nameof(RestoreRequest.NuGetConfigFile), (r, v, c) => r with { NuGetConfigFile = c.FullPath(v) }),
        new("PythonCuda", nameof(RestoreRequest.PythonCuda), (r, v, _) => r with { PythonCuda = v ?? "auto" }),
        new("PythonTargetCudaDriver", nameof(RestoreRequest.TargetCudaDriver), (r, v, _) => r with { TargetCudaDriver = v }),
        new("PythonTargetComputeCapability", nameof(RestoreRequest.TargetComputeCapability), (r, v, _) => r with { TargetComputeCapability = v }),
        new("PythonLockFile", nameof(RestoreRequest.LockFilePath), (r, v, c) => r with { LockFilePath = c.RequiredPath("PythonLockFile", v) }),
        new("PythonRestoreLockedMode", nameof(RestoreRequest.LockedMode), (r, v, _) => r with { LockedMode = Bool("PythonRestoreLockedMode", v) }),
        new("PythonUpdatePackages", nameof(RestoreRequest.UpdatePackages), (r, v, _) => r with { UpdatePackages = List(v) }),
        new("PythonOffline", nameof(RestoreRequest.Offline), (r, v, _) => r with { Offline = Bool("PythonOffline", v) }),
        new("PythonHttpTimeout", nameof(RestoreRequest.HttpTimeout), (r, v, _) => r with { HttpTimeout = HttpTimeout(v) },
            NotInNoOpKeyBecause: "it is how long a try waits for bytes; it never changes what is installed"),
        new("PythonRefresh", nameof(RestoreRequest.Refresh), (r, v, _) => r with { Refresh = Bool("PythonRefresh", v) },
            NotInNoOpKeyBecause: "it revalidates index pages when a restore resolves; an up-to-date environment resolves nothing"),
        new("PythonCacheDirectory", nameof(RestoreRequest.CacheDirectory), (r, v, c) => r with { CacheDirectory = c.FullPath(v) }),
        new("PythonEnvironmentDirectory", nameof(RestoreRequest.EnvironmentDirectory), (r, v, c) => r with { EnvironmentDirectory = c.RequiredPath("PythonEnvironmentDirectory", v) }),
        new("PythonAllowSourceBuilds", nameof(RestoreRequest.AllowSourceBuilds), (r, v, _) => r with { AllowSourceBuilds = Bool("PythonAllowSourceBuilds", v) }),
        new("PythonSourceBuildPackages", nameof(RestoreRequest.SourceBuildPackages), (r, v, _) => r with { SourceBuildPackages = List(v) }),
        new("PythonAllowPrereleases", nameof(RestoreRequest.AllowPrereleases), (r, v, _) => r with { AllowPrereleases = Bool("PythonAllowPrereleases", v) }),
        new("PythonCompileBytecode", nameof(RestoreRequest.CompileBytecode), (r, v, _) => r with { CompileBytecode = Bool("PythonCompileBytecode", v) }),
        new("RuntimeIdentifier", nameof(RestoreRequest.RuntimeIdentifier), (r, v, _) => r with { RuntimeIdentifier = v }),
    ];

    /// <summary>The carrier's text of a setting, trimmed; null when empty.</summary>
    public static string? Value(ITaskItem carrier, string property)
        => carrier.GetMetadata(property) is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    /// <summary>Every row applied to <paramref name="request"/>, in table order.</summary>
    public static RestoreRequest Apply(RestoreRequest request, ITaskItem carrier, RestoreSettingContext context)
    {
        foreach (var setting in All)
            request = setting.Apply(request, Value(carrier, setting.Property), context);
        return request;
    }
}
