using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Building;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Resolution;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// The project's source-build policy and settings: which packages may be built from sdists (PythonAllowSourceBuilds,
/// AllowSourceBuild, PythonSourceBuildPackages), each one's BuildSettings / BuildRequires / BuildIsolation, and the
/// <see cref="SdistBuilder"/> that builds them with build environments from <see cref="BuildEnvironmentInstaller"/>.
/// </summary>
internal sealed class SourceBuilds
{
    private readonly RestoreSession _session;
    private readonly Dictionary<string, PackageItem> _items;

    public SourceBuilds(RestoreSession session, Func<IndexResolverSource> buildSource)
    {
        _session = session;
        _items = session.Request.Packages
            .Select(p => (Name: NameOf(p.Include), Item: p)).Where(p => p.Name is not null)
            .GroupBy(p => p.Name!).ToDictionary(g => g.Key, g => g.First().Item, StringComparer.Ordinal);
        Allowed = session.Request.SourceBuildPackages.Where(PackageName.IsValid).Select(PackageName.Parse)
            .Concat(_items.Where(i => i.Value.AllowSourceBuild).Select(i => PackageName.Parse(i.Key))).ToHashSet();
        var target = session.Target;
        Builder = new SdistBuilder(session.Cache, $"{session.BaseInterpreter.Implementation}-{target.PythonVersion}", target.PlatformTag,
            new BuildEnvironmentInstaller(session, buildSource), LogDirectory(session.Request));
    }

    /// <summary>Packages allowed by name (AllowSourceBuild items, PythonSourceBuildPackages).</summary>
    public IReadOnlySet<PackageName> Allowed { get; }

    public bool AllowAll => _session.Request.AllowSourceBuilds;

    public SdistBuilder Builder { get; }

    /// <summary>obj/python/build-logs/ (beside the venv).</summary>
    public static string LogDirectory(RestoreRequest request) =>
        Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.EnvironmentDirectory)))!, "build-logs");

    /// <summary>What a build of <paramref name="name"/>'s sdist needs: settings, the locked torch when asked for, and its environment variables.</summary>
    public SdistBuildInput Input(string name, string version, string sdistPath, string fileName, string sha256, string? lockedTorch, GpuInfo? gpu)
    {
        var item = _items.GetValueOrDefault(PackageName.Normalize(name));
        var input = new SdistBuildInput(name, version, sdistPath, fileName, sha256) { Settings = ParseSettings(item?.BuildSettings) };
        var needsTorch = string.Equals(item?.BuildRequires?.Trim(), "torch", StringComparison.OrdinalIgnoreCase) || item?.BuildIsolation == false;
        if (!needsTorch) return input;
        var environment = new Dictionary<string, string> { ["MAX_JOBS"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var arches = gpu?.ComputeCapabilities.Select(c => c.ToString()).Distinct().ToList() ?? [];
        if (arches.Count > 0) environment["TORCH_CUDA_ARCH_LIST"] = string.Join(";", arches);
        return input with
        {
            // Resolving metadata happens before torch is locked: any torch from the backend's index serves then.
            ExtraRequirements = [lockedTorch is null ? "torch" : $"torch=={lockedTorch}"],
            Environment = environment,
        };
    }

    private static Dictionary<string, string> ParseSettings(string? text)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq > 0) settings[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return settings;
    }

    private static string? NameOf(string include) =>
        PackageName.IsValid(include.Trim()) ? PackageName.Normalize(include.Trim()) : null;
}
