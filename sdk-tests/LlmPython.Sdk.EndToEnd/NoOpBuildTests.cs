using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// The no-op fast path of PythonRestore (restore.stamp records the task's inputs key): a repeated build skips
/// the engine, and every change that must restore still does — a deleted venv, an edited lockfile, an edited
/// project, a property given on the command line.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NoOpBuildTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    // The engine's own no-op logs this at detailed verbosity; the fast path runs no engine and does not.
    private const string EngineNoOp = "are up-to-date (no-op restore";
    // The task's no-op line, from either path.
    private const string NoOpMessage = "Python environment is up to date for";

    private static string ProjectXml(string packageMetadata = "") => AppProjectXml.QuickStart(packageMetadata);

    private TestProject Restored(string name)
    {
        var project = TestProject.ConsoleApp(_sdk, name, ProjectXml()).WithQuickStartWheels();
        var first = project.Build("-v:detailed").ShouldSucceed();
        // The restore phase did the work; the build phase of the same dotnet build took the fast path.
        Assert.Equal(2, first.Output.Split('\n').Count(l => l.TrimStart().StartsWith("Task \"PythonRestore\"", StringComparison.Ordinal)));
        Assert.Equal(1, Count(first.Output, NoOpMessage));
        Assert.DoesNotContain(EngineNoOp, first.Output, StringComparison.Ordinal);
        return project;
    }

    private static int Count(string text, string what) => text.Split(what).Length - 1;

    private static void ShouldBeFastNoOps(CommandResult build)
    {
        Assert.Equal(2, Count(build.Output, NoOpMessage));
        Assert.DoesNotContain(EngineNoOp, build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_build_skips_the_engine_in_both_phases_and_keeps_the_lock()
    {
        var project = Restored("NoOpAgain");
        var lockBytes = File.ReadAllBytes(project.PathOf("python.lock.json"));

        ShouldBeFastNoOps(project.Build("-v:detailed").ShouldSucceed());
        Assert.Equal(lockBytes, File.ReadAllBytes(project.PathOf("python.lock.json")));
    }

    [Fact]
    public void A_deleted_venv_is_restored()
    {
        var project = Restored("NoOpVenv");
        Directory.Delete(project.PathOf("obj/python/venv"), recursive: true);

        var build = project.Build("-v:detailed").ShouldSucceed();

        Assert.True(File.Exists(project.PathOf("obj/python/venv/pyvenv.cfg")), build.Output);
        Assert.Single(Directory.GetDirectories(project.PathOf("obj/python/venv/lib/python3.11/site-packages"), "hello_llm-*.dist-info"));
        Assert.Equal(1, Count(build.Output, NoOpMessage)); // the build phase after the restore phase
        ShouldBeFastNoOps(project.Build("-v:detailed").ShouldSucceed());
    }

    [Fact]
    public void An_edited_lockfile_reaches_the_engine()
    {
        var project = Restored("NoOpLock");
        File.AppendAllText(project.PathOf("python.lock.json"), "\n");

        var build = project.Build("-v:detailed").ShouldSucceed();

        Assert.Contains("already matches the lock", build.Output, StringComparison.Ordinal);
        Assert.Equal(1, Count(build.Output, NoOpMessage));
    }

    [Fact]
    public void An_edited_project_is_resolved_again()
    {
        var project = Restored("NoOpEdit");
        var lockBefore = File.ReadAllText(project.PathOf("python.lock.json"));
        project.WithProjectFile(ProjectXml("Version=\"&gt;=0.1\" "));

        var build = project.Build("-v:detailed").ShouldSucceed();

        Assert.Contains("Wrote ", build.Output, StringComparison.Ordinal);
        Assert.NotEqual(lockBefore, File.ReadAllText(project.PathOf("python.lock.json")));
        Assert.Equal(1, Count(build.Output, NoOpMessage));
    }

    [Fact]
    public void A_property_on_the_command_line_reaches_the_engine()
    {
        var project = Restored("NoOpProp");

        var build = project.Build("-v:detailed", "-p:PythonCompileBytecode=true").ShouldSucceed();

        Assert.Contains("already matches the lock", build.Output, StringComparison.Ordinal);
        Assert.Equal(1, Count(build.Output, NoOpMessage));
        // And back: the property's absence is a change too.
        var back = project.Build("-v:detailed").ShouldSucceed();
        Assert.Contains("already matches the lock", back.Output, StringComparison.Ordinal);
        Assert.Equal(1, Count(back.Output, NoOpMessage));
    }
}
