using System.Diagnostics;
using System.Text;

namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>
/// Runs the real <c>dotnet</c> CLI in a clean environment: variables the test host sets for its own
/// MSBuild (MSBuildSDKsPath, MSBUILD_EXE_PATH, ...) are removed so the child resolves SDKs as a user's would.
/// </summary>
public static class DotnetCli
{
    private static readonly string[] LeakingVariables =
    [
        "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly",
        "MSBUILDNOINPROCNODE", "DOTNET_HOST_PATH", "VSTEST_HOST_DEBUG", "MSBUILDDEBUGPATH",
        // Would override the per-run globalPackagesFolder of the throw-away projects' NuGet.config.
        "NUGET_PACKAGES",
        // A CI machine's ContinuousIntegrationBuild must not switch the throw-away projects to locked mode.
        "CI", "TF_BUILD", "GITHUB_ACTIONS", "ContinuousIntegrationBuild",
    ];

    public static string Executable { get; } = FindDotnet();

    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        => Run(workingDirectory, environment, TimeSpan.FromMinutes(3), arguments);

    public static CommandResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] arguments)
    {
        using var running = Start(workingDirectory, environment, arguments);
        return running.WaitForExit(timeout);
    }

    /// <summary>Starts <c>dotnet</c> without waiting (builds run side by side, or killed mid-way).</summary>
    public static RunningCommand Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            startInfo.ArgumentList.Add(argument);
        foreach (string name in LeakingVariables)
            startInfo.Environment.Remove(name);
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        startInfo.Environment["MSBUILDTERMINALLOGGER"] = "off";
        // No lingering build nodes holding the task assembly after the test ends.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
                startInfo.Environment[name] = value;
        }
        return new RunningCommand("dotnet " + string.Join(' ', arguments), workingDirectory, startInfo);
    }

    private static string FindDotnet()
    {
        // The muxer running this test host is the one to use.
        string? fromHost = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromHost) && File.Exists(fromHost))
            return fromHost;
        string? processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
            return processPath;
        return OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
    }
}
