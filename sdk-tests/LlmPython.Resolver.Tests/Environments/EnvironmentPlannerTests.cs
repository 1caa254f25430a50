using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Tests.Caching;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Environments;

/// <summary>The plan stage of an update: what stays, what goes, what is installed; it never writes.</summary>
public class EnvironmentPlannerTests
{
    private sealed class Setup : IDisposable
    {
        public ScratchFolder Dir { get; } = new();
        public BaseInterpreter Base { get; }
        public string Root => Dir.Sub("obj", "venv");

        public Setup()
        {
            var bin = Dir.Sub("base", "bin");
            Directory.CreateDirectory(bin);
            File.WriteAllText(Path.Combine(bin, "python3.11"), "fake interpreter");
            Base = new BaseInterpreter(Path.Combine(bin, "python3.11"), bin, "3.11.7");
        }

        public DesiredWheel Wheel(string name, string version, bool requested = true)
        {
            var path = new WheelBuilder(name, version).AddFile($"{name}/__init__.py", $"VERSION = '{version}'\n").WriteTo(Dir.Sub("wheels"));
            return new DesiredWheel(name, version, path, RecordHash.FileSha256Hex(path), requested);
        }

        /// <summary>A real environment holding <paramref name="wheels"/>, made by the updater.</summary>
        public Task Install(params DesiredWheel[] wheels) =>
            new EnvironmentUpdater(new UnpackedWheelStore(new CacheStore(Dir.Sub("cache")))).UpdateAsync(Root, Base, wheels);

        public EnvironmentPlan Plan(params DesiredWheel[] wheels) => EnvironmentPlanner.Plan(Root, Base, wheels);

        public void Dispose() => Dir.Dispose();
    }

    private static List<string> Names(EnvironmentPlan plan) => plan.ToInstall.Select(w => w.Name).ToList();

    [Fact]
    public void No_environment_installs_everything_sorted_by_project()
    {
        using var s = new Setup();
        var plan = s.Plan(s.Wheel("zeta", "1.0"), s.Wheel("Alpha_Pkg", "1.0"));
        Assert.False(plan.Reusable);
        Assert.False(plan.IsNoOp);
        Assert.Equal(["Alpha_Pkg", "zeta"], Names(plan));
        Assert.Empty(plan.Kept);
        Assert.Empty(plan.ToRemove);
        Assert.False(Directory.Exists(s.Root)); // planning writes nothing
    }

    [Fact]
    public async Task The_same_wheels_again_are_a_no_op()
    {
        using var s = new Setup();
        var alpha = s.Wheel("alpha", "1.0");
        var beta = s.Wheel("beta", "2.0", requested: false);
        await s.Install(alpha, beta);

        var plan = s.Plan(beta, alpha);
        Assert.True(plan.Reusable);
        Assert.True(plan.IsNoOp);
        Assert.Equal(["alpha", "beta"], plan.Kept.Keys.Order());
    }

    [Fact]
    public async Task A_changed_wheel_is_removed_and_installed_and_a_dropped_one_removed()
    {
        using var s = new Setup();
        await s.Install(s.Wheel("alpha", "1.0"), s.Wheel("beta", "1.0"), s.Wheel("gamma", "1.0"));

        var plan = s.Plan(s.Wheel("alpha", "1.0"), s.Wheel("beta", "2.0"));
        Assert.Equal(["alpha"], plan.Kept.Keys);
        Assert.Equal(["beta-1.0.dist-info", "gamma-1.0.dist-info"], plan.ToRemove);
        Assert.Equal(["beta", "gamma"], plan.RemovedProjects);
        Assert.Equal(["beta"], Names(plan));
    }

    [Fact]
    public async Task A_changed_requested_flag_reinstalls_the_distribution()
    {
        using var s = new Setup();
        var alpha = s.Wheel("alpha", "1.0");
        await s.Install(alpha);

        var plan = s.Plan(alpha with { Requested = false });
        Assert.Equal(["alpha-1.0.dist-info"], plan.ToRemove);
        Assert.Equal(["alpha"], Names(plan));
    }

    [Fact]
    public async Task A_distribution_with_a_missing_file_is_reinstalled()
    {
        using var s = new Setup();
        var alpha = s.Wheel("alpha", "1.0");
        var beta = s.Wheel("beta", "1.0");
        await s.Install(alpha, beta);
        var layout = VirtualEnvironmentLayout.For(s.Root, s.Base);
        File.Delete(Path.Combine(layout.SitePackages, "beta", "__init__.py"));

        var plan = s.Plan(alpha, beta);
        Assert.Equal(["alpha"], plan.Kept.Keys);
        Assert.Equal(["beta"], Names(plan));
    }

    [Fact]
    public async Task Another_base_interpreter_rebuilds_the_environment()
    {
        using var s = new Setup();
        var alpha = s.Wheel("alpha", "1.0");
        await s.Install(alpha);

        var plan = EnvironmentPlanner.Plan(s.Root, s.Base with { Version = "3.11.9" }, [alpha]);
        Assert.False(plan.Reusable);
        Assert.Empty(plan.Kept);
        Assert.Empty(plan.ToRemove); // the whole environment is rebuilt, nothing uninstalled one by one
        Assert.Equal(["alpha"], Names(plan));
    }

    [Fact]
    public void The_same_project_twice_and_a_foreign_folder_are_refused()
    {
        using var s = new Setup();
        var twice = Assert.Throws<LlmPyException>(() => s.Plan(s.Wheel("alpha", "1.0"), s.Wheel("Alpha", "2.0")));
        Assert.Equal(DiagnosticCodes.Installer.DuplicateDistribution, twice.Code);

        Directory.CreateDirectory(s.Root);
        File.WriteAllText(Path.Combine(s.Root, "notes.txt"), "mine");
        var foreign = Assert.Throws<LlmPyException>(() => s.Plan(s.Wheel("alpha", "1.0")));
        Assert.Equal(DiagnosticCodes.Installer.VenvCreationFailed, foreign.Code);
    }
}
