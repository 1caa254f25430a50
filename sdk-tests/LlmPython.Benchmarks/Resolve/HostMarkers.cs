using LlmPython.Resolver.Requirements;

namespace LlmPython.Benchmarks.Resolve;

/// <summary>The fixed target of the in-process resolutions: CPython 3.11.7 on x86_64 Linux.</summary>
internal static class HostMarkers
{
    public static MarkerEnvironment Linux311 { get; } = new(new Dictionary<string, string>
    {
        ["implementation_name"] = "cpython",
        ["implementation_version"] = "3.11.7",
        ["os_name"] = "posix",
        ["platform_machine"] = "x86_64",
        ["platform_python_implementation"] = "CPython",
        ["platform_release"] = "6.8.0",
        ["platform_system"] = "Linux",
        ["platform_version"] = "#1 SMP",
        ["python_full_version"] = "3.11.7",
        ["python_version"] = "3.11",
        ["sys_platform"] = "linux",
    });
}
