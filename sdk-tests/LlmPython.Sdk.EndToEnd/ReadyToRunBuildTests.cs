using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// The package's precompiled engine is really used by the MSBuild that loads it. The runtime says which methods it
/// JIT-compiled (DOTNET_JitStdOutFile + DOTNET_JitDisasmSummary, both in the shipping runtime): an engine whose
/// ReadyToRun code the runtime refuses — as .NET 10 refuses a copy compiled for net8.0: this test counted 1,753 engine methods
/// JIT-compiled with it — spends a few hundred milliseconds of each build compiling itself.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReadyToRunBuildTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    [Fact]
    public void A_restoring_build_runs_the_engine_precompiled()
    {
        Assert.True(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "the package precompiles its engine for linux-x64 only; this test runs there");
        var project = TestProject.ConsoleApp(_sdk, "ReadyToRun", AppProjectXml.QuickStart()).WithQuickStartWheels();
        var jitLog = project.PathOf("jit.txt");
        project.Environment["DOTNET_JitStdOutFile"] = jitLog;
        project.Environment["DOTNET_JitDisasmSummary"] = "1";

        var build = project.Build("-v:detailed").ShouldSucceed();

        Assert.Matches(@"Resolved \d+ Python packages in", build.Output); // the engine ran: a full restore
        Assert.Matches(@"Assembly loaded during TaskRun \(LlmPython\.Tasks\.PythonRestore\): LlmPython\.Resolver,.*[/\\]tasks[/\\]linux-x64[/\\]LlmPython\.Resolver\.dll", build.Output);
        // First compilations only: the runtime re-compiles hot precompiled methods at tier 1 as it would any hot code.
        var compiled = File.ReadAllLines(jitLog)
            .Where(l => l.Contains("JIT compiled LlmPython.Resolver.", StringComparison.Ordinal) && !l.Contains("Tier1", StringComparison.Ordinal)).ToList();
        // Generic instantiations and a few stubs are compiled at run time even from a precompiled image (5 in a cold build of 33 wheels).
        Assert.True(compiled.Count < 100, $"{compiled.Count} engine methods were JIT-compiled, e.g.:\n{string.Join("\n", compiled.Take(20))}");
    }
}
