using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Tests.Resolution;

/// <summary>Marker environments of a CPython on x86_64 Linux, as the tests' fixed targets.</summary>
internal static class HostEnvironment
{
    public static MarkerEnvironment Linux(string pythonFullVersion)
    {
        var parts = pythonFullVersion.Split('.');
        return new MarkerEnvironment(new Dictionary<string, string>
        {
            ["implementation_name"] = "cpython",
            ["implementation_version"] = pythonFullVersion,
            ["os_name"] = "posix",
            ["platform_machine"] = "x86_64",
            ["platform_python_implementation"] = "CPython",
            ["platform_release"] = "6.8.0",
            ["platform_system"] = "Linux",
            ["platform_version"] = "#1 SMP",
            ["python_full_version"] = pythonFullVersion,
            ["python_version"] = $"{parts[0]}.{parts[1]}",
            ["sys_platform"] = "linux",
        });
    }
}
