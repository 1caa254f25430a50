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

        string commandLine = "dotnet " + string.Join(' ', arguments);
        using var process = new Process { StartInfo = startInfo };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            Assert.Fail($"'{commandLine}' in {workingDirectory} did not finish within {timeout}:\n{stdout}{stderr}");
        }
        process.WaitForExit();
        return new CommandResult(commandLine, process.ExitCode, stdout.ToString(), stderr.ToString());
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
