using LlmPython.Benchmarks.Common;

namespace LlmPython.Benchmarks.NoOp;

/// <summary>
/// The real <c>dotnet</c> CLI as a user runs it, minus what would skew or leak: variables a parent
/// MSBuild sets, CI switches, build-server and node reuse (each build is a fresh process tree, so no
/// process outlives the benchmark and every variant pays the same start-up).
/// </summary>
internal sealed class DotnetCommand(string packagesFolder, string cacheFolder)
{
    private static readonly string[] Removed =
    [
        "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly",
        "MSBUILDNOINPROCNODE", "CI", "TF_BUILD", "GITHUB_ACTIONS", "ContinuousIntegrationBuild",
    ];

    public static string Executable { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public Exec.Outcome Run(string workingDirectory, params string[] args)
    {
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = packagesFolder,
            ["LLMPYTHON_CACHE"] = cacheFolder,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDTERMINALLOGGER"] = "off",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1",
        };
        foreach (var name in Removed) environment[name] = null;
        return Exec.Run(Executable, args, workingDirectory, environment, TimeSpan.FromMinutes(5));
    }
}
