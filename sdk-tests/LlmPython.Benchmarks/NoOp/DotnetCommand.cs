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

    private const string GnuTime = "/usr/bin/time";

    /// <summary>How long one command may take (a 50-project solution needs more than a single app).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    public Exec.Outcome Run(string workingDirectory, params string[] args) => Timed(workingDirectory, args).Outcome;

    /// <summary>
    /// The command, the CPU time (user + system) of its whole process tree and its peak resident set (the largest of
    /// the process and its children), measured by GNU time when the machine has it: on a shared machine wall time
    /// swings with the neighbours' load, CPU time much less.
    /// </summary>
    public (Exec.Outcome Outcome, TimeSpan? Cpu, long? PeakRssBytes) Timed(string workingDirectory, params string[] args)
    {
        if (!File.Exists(GnuTime))
            return (RunDirect(workingDirectory, args), null, null);
        var report = Path.GetTempFileName();
        try
        {
            var outcome = RunDirect(workingDirectory, ["--", Executable, .. args], GnuTime, ["-f", "%U %S %M", "-o", report]);
            var parts = File.ReadAllText(report).Trim().Split('\n')[^1].Split(' ');
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            TimeSpan? cpu = parts.Length == 3
                && double.TryParse(parts[0], System.Globalization.NumberStyles.Float, invariant, out var user)
                && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, invariant, out var system)
                ? TimeSpan.FromSeconds(user + system) : null;
            long? peak = parts.Length == 3 && long.TryParse(parts[2], invariant, out var kb) ? kb * 1024 : null;
            return (outcome, cpu, peak);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private Exec.Outcome RunDirect(string workingDirectory, string[] args, string? wrapper = null, string[]? wrapperArgs = null)
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
        return wrapper is null
            ? Exec.Run(Executable, args, workingDirectory, environment, Timeout)
            : Exec.Run(wrapper, [.. wrapperArgs ?? [], .. args], workingDirectory, environment, Timeout);
    }
}
