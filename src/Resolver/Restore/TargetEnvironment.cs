using LlmPython.Resolver.Interpreters;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Tags;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// What a resolution is for: a Python version on a platform, with its marker values and wheel tags.
/// Either this machine's interpreter, or a described target (dotnet publish -r) that is never run.
/// </summary>
public sealed record TargetEnvironment(
    /// <summary>"cp311-linux-x86_64": names the lock section together with the backend.</summary>
    string Key,
    string PythonVersion,
    /// <summary>The most specific platform tag the target accepts ("manylinux_2_36_x86_64", "win_amd64").</summary>
    string PlatformTag,
    /// <summary>The platform name the accelerator tables use ("linux-x86_64", "windows-x86_64").</summary>
    string AcceleratorPlatform,
    MarkerEnvironment Markers,
    SupportedTags Tags,
    /// <summary>The host interpreter the environment is built from; for a described target, the one that gave the version.</summary>
    PythonInterpreter Interpreter,
    /// <summary>True when the target is this machine (an environment can be built and run).</summary>
    bool IsHost)
{
    public static TargetEnvironment Create(RestoreRequest request, InterpreterLocator locator)
    {
        var interpreter = locator.Locate(request.PythonVersion, request.PythonExecutable);
        var info = interpreter.Info ?? throw new InvalidOperationException("interpreter discovery gave no details");
        var hostMarkers = interpreter.Markers;
        var host = new TargetEnvironment(
            KeyFor(info.MajorMinor, hostMarkers), info.Version, MostSpecificPlatform(interpreter.Tags),
            AcceleratorPlatformFor(hostMarkers), hostMarkers, interpreter.Tags, interpreter, IsHost: true);
        if (string.IsNullOrWhiteSpace(request.RuntimeIdentifier))
            return host;
        var described = TargetDescription.FromRuntimeIdentifier(request.RuntimeIdentifier!, info.Version);
        var describedMarkers = described.ToMarkerEnvironment();
        // publish -r for this machine's own platform: the host's interpreter describes it best.
        if (AcceleratorPlatformFor(describedMarkers) == host.AcceleratorPlatform)
            return host;
        var tags = described.ToSupportedTags();
        return new TargetEnvironment(
            KeyFor(info.MajorMinor, describedMarkers), info.Version, MostSpecificPlatform(tags),
            AcceleratorPlatformFor(describedMarkers), describedMarkers, tags, interpreter, IsHost: false);
    }

    private static string KeyFor(string majorMinor, MarkerEnvironment markers) =>
        "cp" + majorMinor.Replace(".", "", StringComparison.Ordinal) + "-" + AcceleratorPlatformFor(markers);

    /// <summary>"linux-x86_64", "windows-x86_64", "darwin-arm64" from the marker values.</summary>
    internal static string AcceleratorPlatformFor(MarkerEnvironment markers)
    {
        var os = (markers["platform_system"] ?? "").ToLowerInvariant();
        var machine = (markers["platform_machine"] ?? "").ToLowerInvariant() switch
        {
            "amd64" or "x64" => "x86_64",
            "arm64" when os == "linux" => "aarch64",
            var m => m,
        };
        return os + "-" + machine;
    }

    /// <summary>The newest manylinux/musllinux/macOS/Windows tag; plain linux_* (listed first) only when nothing else is.</summary>
    private static string MostSpecificPlatform(SupportedTags tags)
    {
        var platforms = tags.Ordered.Select(t => t.Platform).Where(p => p != "any").ToList();
        return platforms.FirstOrDefault(p => !p.StartsWith("linux_", StringComparison.Ordinal)) ?? platforms.FirstOrDefault() ?? "any";
    }
}
