using LlmPython.Resolver.Caching;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Environments;
using LlmPython.Resolver.Installation;
using LlmPython.Resolver.Tests.Caching;
using LlmPython.Resolver.Tests.Installation;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Environments;

/// <summary>Bringing an environment to a wheel set: diffs, no-op, failures that keep the old environment, repairs.</summary>
public class EnvironmentUpdaterTests
{
    private sealed class Setup : IDisposable
    {
        public ScratchFolder Dir { get; } = new();
        public BaseInterpreter Base { get; }
        public EnvironmentUpdater Updater { get; }
        public string Root => Dir.Sub("obj", "venv");
        public VirtualEnvironmentLayout Layout => VirtualEnvironmentLayout.For(Root, Base);

        public Setup()
        {
            var bin = Dir.Sub("base", "bin");
            Directory.CreateDirectory(bin);
            File.WriteAllText(Path.Combine(bin, "python3.11"), "fake interpreter");
            Base = new BaseInterpreter(Path.Combine(bin, "python3.11"), bin, "3.11.7");
            Updater = new EnvironmentUpdater(new UnpackedWheelStore(new CacheStore(Dir.Sub("cache"))));
        }

        public DesiredWheel Wheel(WheelBuilder builder, bool requested = true)
        {
            var path = builder.WriteTo(Dir.Sub("wheels"));
            return new DesiredWheel(builder.Name, builder.Version, path, RecordHash.FileSha256Hex(path), requested);
        }

        public Task<EnvironmentUpdateResult> Update(params DesiredWheel[] wheels) => Updater.UpdateAsync(Root, Base, wheels);

        public List<string> Files() => Fancy.Files(Root);

        public void Dispose() => Dir.Dispose();
    }

    private static WheelBuilder Pkg(string name, string version, string? extraFile = null)
    {
        var b = new WheelBuilder(name, version).AddFile($"{name}/__init__.py", $"VERSION = '{version}'\n");
        if (extraFile is not null)
            b.AddFile($"{name}/{extraFile}", "x\n");
        return b;
    }

    [Fact]
    public async Task Installs_a_set_then_a_second_run_is_a_no_op()
    {
        using var s = new Setup();
        var alpha = s.Wheel(Pkg("alpha", "1.0").AddConsoleScript("alpha-cli", "alpha:main"));
        var beta = s.Wheel(Pkg("beta", "2.0"), requested: false);

        var first = await s.Update(alpha, beta);
        Assert.False(first.NoOp);
        Assert.Equal(["alpha", "beta"], first.Installed);
        Assert.True(File.Exists(Path.Combine(s.Layout.SitePackages, "alpha", "__init__.py")));
        Assert.True(File.Exists(Path.Combine(s.Layout.SitePackages, "alpha-1.0.dist-info", "REQUESTED")));
        Assert.False(File.Exists(Path.Combine(s.Layout.SitePackages, "beta-2.0.dist-info", "REQUESTED")));
        Assert.StartsWith($"#!{s.Layout.Python}\n", File.ReadAllText(Path.Combine(s.Layout.BinDir, "alpha-cli")));
        Assert.True(File.Exists(Path.Combine(s.Root, EnvironmentState.FileName)));
        var before = s.Files();

        var second = await s.Update(alpha, beta);
        Assert.True(second.NoOp);
        Assert.Equal(2, second.Unchanged);
        Assert.Equal(before, s.Files());
        Assert.Empty(Directory.EnumerateDirectories(s.Dir.Sub("obj"), ".venv.*"));
    }

    [Fact]
    public async Task Only_what_changed_is_reinstalled_or_removed()
    {
        using var s = new Setup();
        var alpha = s.Wheel(Pkg("alpha", "1.0"));
        await s.Update(alpha, s.Wheel(Pkg("beta", "1.0", "old.py")), s.Wheel(Pkg("gamma", "1.0")));
        var alphaInit = Path.Combine(s.Layout.SitePackages, "alpha", "__init__.py");
        var alphaWritten = File.GetLastWriteTimeUtc(Path.Combine(s.Layout.SitePackages, "alpha-1.0.dist-info", "RECORD"));

        var result = await s.Update(alpha, s.Wheel(Pkg("beta", "2.0", "new.py")));

        Assert.Equal(["beta"], result.Installed);
        Assert.Equal(["beta", "gamma"], result.Removed);
        Assert.Equal(1, result.Unchanged);
        var files = s.Files();
        Assert.DoesNotContain(files, f => f.Contains("gamma"));
        Assert.DoesNotContain(files, f => f.Contains("beta/old.py") || f.Contains("beta-1.0.dist-info"));
        Assert.Contains(files, f => f.EndsWith("beta/new.py"));
        Assert.Equal("VERSION = '1.0'\n", File.ReadAllText(alphaInit));
        Assert.Equal(alphaWritten, File.GetLastWriteTimeUtc(Path.Combine(s.Layout.SitePackages, "alpha-1.0.dist-info", "RECORD")));
    }

    [Fact]
    public async Task Many_wheels_are_placed_in_parallel_and_overlapping_ones_keep_their_order()
    {
        using var s = new Setup();
        var independent = Enumerable.Range(0, 24).Select(i => s.Wheel(Pkg($"pkg{i:00}", "1.0", "extra.py"))).ToList();
        // Two distributions of one namespace package: both ship ns/__init__.py; the later one (by name) wins, as in pip.
        var nsA = s.Wheel(new WheelBuilder("ns-a", "1.0").AddFile("ns/__init__.py", "A\n").AddFile("ns/a.py", "a\n"));
        var nsB = s.Wheel(new WheelBuilder("ns-b", "1.0").AddFile("ns/__init__.py", "B\n").AddFile("ns/b.py", "b\n"));
        var result = await s.Update([.. independent, nsB, nsA]);

        Assert.Equal(26, result.Installed.Count);
        var site = s.Layout.SitePackages;
        foreach (var i in Enumerable.Range(0, 24))
            Assert.Equal("VERSION = '1.0'\n", File.ReadAllText(Path.Combine(site, $"pkg{i:00}", "__init__.py")));
        Assert.True(File.Exists(Path.Combine(site, "ns", "a.py")) && File.Exists(Path.Combine(site, "ns", "b.py")));
        Assert.Equal("B\n", File.ReadAllText(Path.Combine(site, "ns", "__init__.py")));
        var state = File.ReadAllText(Path.Combine(s.Root, EnvironmentState.FileName));
        Assert.True(state.IndexOf("pkg00", StringComparison.Ordinal) < state.IndexOf("pkg23", StringComparison.Ordinal), "state lists packages in name order");
    }

    [Fact]
    public async Task A_failing_update_keeps_the_previous_environment()
    {
        using var s = new Setup();
        var alpha = s.Wheel(Pkg("alpha", "1.0"));
        await s.Update(alpha);
        var before = s.Files();
        var stateBefore = File.ReadAllText(Path.Combine(s.Root, EnvironmentState.FileName));

        // A tampered wheel fails verification.
        var bad = s.Wheel(Pkg("bad", "1.0").CorruptRecordHashOf("bad/__init__.py"));
        var e = await Assert.ThrowsAsync<LlmPyException>(() => s.Update(s.Wheel(Pkg("alpha", "2.0")), bad));
        Assert.Equal(DiagnosticCodes.Installer.RecordMismatch, e.Code);
        // A wrong sha256 in the lock.
        var wrong = s.Wheel(Pkg("beta", "1.0")) with { Sha256 = new string('a', 64) };
        var e2 = await Assert.ThrowsAsync<LlmPyException>(() => s.Update(alpha, wrong));
        Assert.Equal(DiagnosticCodes.Cache.HashMismatch, e2.Code);
        // A failure in the middle of installing (two wheels are the same distribution file-wise: a file in the way).
        var clash = s.Wheel(new WheelBuilder("clash", "1.0").AddFile("alpha", "a file where alpha/ is"));
        await Assert.ThrowsAsync<LlmPyException>(() => s.Update(s.Wheel(Pkg("alpha", "3.0")), clash));

        Assert.Equal(before, s.Files());
        Assert.Equal(stateBefore, File.ReadAllText(Path.Combine(s.Root, EnvironmentState.FileName)));
        Assert.Empty(Directory.EnumerateDirectories(s.Dir.Sub("obj"), ".venv.*"));
    }

    [Fact]
    public async Task Errors_name_paths_in_the_environment_never_the_staging_copy()
    {
        using var s = new Setup();
        // One wheel that installs site-packages/twice.py twice (root and .data/purelib): refused while placing files.
        var twice = s.Wheel(new WheelBuilder("twice", "1.0").AddFile("twice.py", "a\n").AddDataFile("purelib", "twice.py", "b\n"));

        var e = await Assert.ThrowsAsync<LlmPyException>(() => s.Update(twice));

        Assert.Equal(DiagnosticCodes.Installer.FileConflict, e.Code);
        Assert.Contains($"'{Path.Combine(s.Layout.SitePackages, "twice.py")}'", e.Message);
        Assert.DoesNotContain(".staging", e.Message);
        Assert.Equal("twice", e.PackageName);
        Assert.Empty(Directory.EnumerateDirectories(s.Dir.Sub("obj"), ".venv.*"));
    }

    [Fact]
    public async Task Warnings_of_installed_wheels_are_returned()
    {
        using var s = new Setup();
        var newer = s.Wheel(Pkg("newer", "1.0").With(b => b.WheelVersion = "1.9"));

        var first = await s.Update(newer, s.Wheel(Pkg("plain", "1.0")));

        var warning = Assert.Single(first.Warnings);
        Assert.Equal(DiagnosticCodes.Installer.NewerWheelVersion, warning.Code);
        Assert.Contains("'newer-1.0-py3-none-any.whl' has Wheel-Version 1.9", warning.Message);
        Assert.Empty((await s.Update(newer, s.Wheel(Pkg("plain", "1.0")))).Warnings); // only an install warns, as in pip
    }

    [Fact]
    public async Task A_damaged_distribution_is_repaired()
    {
        using var s = new Setup();
        var alpha = s.Wheel(Pkg("alpha", "1.0", "mod.py"));
        var beta = s.Wheel(Pkg("beta", "1.0"));
        await s.Update(alpha, beta);
        File.Delete(Path.Combine(s.Layout.SitePackages, "alpha", "mod.py"));

        var result = await s.Update(alpha, beta);

        Assert.False(result.NoOp);
        Assert.Equal(["alpha"], result.Installed);
        Assert.True(File.Exists(Path.Combine(s.Layout.SitePackages, "alpha", "mod.py")));
    }

    [Fact]
    public async Task An_update_killed_between_the_two_renames_is_repaired()
    {
        using var s = new Setup();
        var alpha = s.Wheel(Pkg("alpha", "1.0"));
        await s.Update(alpha);
        var before = s.Files();
        // What a kill after "rename venv → old" and before "rename staging → venv" leaves behind.
        Directory.Move(s.Root, s.Dir.Sub("obj", ".venv.old-deadbeef"));
        Directory.CreateDirectory(s.Dir.Sub("obj", ".venv.staging-cafebabe"));

        var result = await s.Update(alpha);

        Assert.True(result.NoOp);
        Assert.Equal(before, s.Files());
        Assert.Empty(Directory.EnumerateDirectories(s.Dir.Sub("obj"), ".venv.*"));
    }

    [Fact]
    public async Task Removing_one_distribution_keeps_files_another_also_owns()
    {
        using var s = new Setup();
        var one = s.Wheel(new WheelBuilder("ns-one", "1.0").AddFile("ns/__init__.py", "").AddFile("ns/one.py", "1"));
        var two = s.Wheel(new WheelBuilder("ns-two", "1.0").AddFile("ns/__init__.py", "").AddFile("ns/two.py", "2"));
        await s.Update(one, two);

        await s.Update(two);

        Assert.True(File.Exists(Path.Combine(s.Layout.SitePackages, "ns", "__init__.py")));
        Assert.True(File.Exists(Path.Combine(s.Layout.SitePackages, "ns", "two.py")));
        Assert.False(File.Exists(Path.Combine(s.Layout.SitePackages, "ns", "one.py")));
    }

    [Fact]
    public async Task A_folder_that_is_not_an_environment_is_never_replaced()
    {
        using var s = new Setup();
        Directory.CreateDirectory(s.Root);
        File.WriteAllText(Path.Combine(s.Root, "Program.cs"), "user code");
        var e = await Assert.ThrowsAsync<LlmPyException>(() => s.Update(s.Wheel(Pkg("alpha", "1.0"))));
        Assert.Equal(DiagnosticCodes.Installer.VenvCreationFailed, e.Code);
        Assert.Equal("user code", File.ReadAllText(Path.Combine(s.Root, "Program.cs")));
    }

    [Fact]
    public async Task A_wheel_of_another_project_than_named_is_refused()
    {
        using var s = new Setup();
        var wheel = s.Wheel(Pkg("beta", "1.0")) with { Name = "alpha" };
        var e = await Assert.ThrowsAsync<LlmPyException>(() => s.Update(wheel));
        Assert.Equal(DiagnosticCodes.Installer.InvalidLayout, e.Code);
        Assert.Contains("'beta', not 'alpha'", e.Message);
        Assert.False(Directory.Exists(s.Root));
    }

    [Fact]
    public async Task The_same_project_twice_is_refused()
    {
        using var s = new Setup();
        var e = await Assert.ThrowsAsync<LlmPyException>(() => s.Update(s.Wheel(Pkg("alpha", "1.0")), s.Wheel(Pkg("Alpha", "2.0"))));
        Assert.Equal(DiagnosticCodes.Installer.DuplicateDistribution, e.Code);
        Assert.False(Directory.Exists(s.Root));
    }

    [Fact]
    public async Task Parallel_updates_of_one_environment_do_not_corrupt_it()
    {
        using var s = new Setup();
        var wheels = new[] { s.Wheel(Pkg("alpha", "1.0")), s.Wheel(Pkg("beta", "1.0")) };
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => s.Update(wheels))));
        Assert.Equal(1, results.Count(r => !r.NoOp));
        Assert.True(EnvironmentIntegrity.DistributionIsIntact(s.Layout, "alpha-1.0.dist-info"));
        Assert.True(EnvironmentIntegrity.DistributionIsIntact(s.Layout, "beta-1.0.dist-info"));
    }
}
