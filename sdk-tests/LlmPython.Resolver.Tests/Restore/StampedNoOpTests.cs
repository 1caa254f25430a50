using LlmPython.Resolver.Restore;
using LlmPython.Resolver.Restore.NoOp;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// The no-op fast path: the engine arms it in the stamp after a clean restore, and <see cref="StampedNoOp"/>
/// confirms a no-op only for the same key, the same lock bytes and unchanged environment files.
/// </summary>
public class StampedNoOpTests
{
    private const string Key = "KEY-1";

    private static RestoreRequest Armed(RestoreFixture f)
    {
        f.Publish(new WheelBuilder("tiny-colors", "0.4.1").AddFile("tiny_colors/__init__.py", "RED = 31\n"));
        var request = f.Request(new PackageItem("tiny-colors")) with { NoOpKey = Key };
        var (result, log) = f.Run(request);
        Assert.True(result.Success, log.All);
        return request;
    }

    [Fact]
    public void A_restore_with_a_key_arms_the_stamp_and_the_same_key_is_confirmed_with_the_engine_result()
    {
        using var f = new RestoreFixture();
        var request = Armed(f);

        var stamp = StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key);

        Assert.NotNull(stamp);
        Assert.Equal(["tiny-colors 0.4.1"], stamp.Packages!.Select(p => $"{p.Name} {p.Version}"));
        Assert.Equal(f.VenvPython, stamp.EnvironmentPython);
        Assert.EndsWith("site-packages", stamp.SitePackages);
        Assert.Contains(stamp.Files!, s => s.Path.EndsWith(Path.Combine("tiny_colors-0.4.1.dist-info", "RECORD"), StringComparison.Ordinal));
        // The engine's own no-op keeps the record as it is.
        var (again, _) = f.Run(request);
        Assert.True(again.NoOp);
        Assert.NotNull(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key));
    }

    [Fact]
    public void Another_key_is_not_confirmed_and_the_engine_no_op_records_the_new_key()
    {
        using var f = new RestoreFixture();
        var request = Armed(f);
        Assert.Null(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, "KEY-2"));

        var (again, log) = f.Run(request with { NoOpKey = "KEY-2" });

        Assert.True(again.NoOp, log.All);
        Assert.NotNull(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, "KEY-2"));
        Assert.Null(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key));
    }

    [Fact]
    public void An_edited_lockfile_is_not_a_no_op()
    {
        using var f = new RestoreFixture();
        Armed(f);
        File.AppendAllText(f.LockPath, "\n");
        Assert.Null(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key));
    }

    [Fact]
    public void A_lockfile_rewritten_with_the_same_bytes_is_still_a_no_op()
    {
        using var f = new RestoreFixture();
        Armed(f);
        File.WriteAllBytes(f.LockPath, File.ReadAllBytes(f.LockPath)); // git checkout: new time stamp, same content
        Assert.NotNull(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key));
    }

    [Fact]
    public void A_deleted_lockfile_is_not_a_no_op()
    {
        using var f = new RestoreFixture();
        Armed(f);
        File.Delete(f.LockPath);
        Assert.Null(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key));
    }

    [Theory]
    [InlineData("venv")]
    [InlineData("pyvenv.cfg")]
    [InlineData("llmpython-state.json")]
    [InlineData("RECORD")]
    public void A_damaged_environment_is_not_a_no_op(string what)
    {
        using var f = new RestoreFixture();
        Armed(f);
        var sitePackages = StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key)!.SitePackages!;
        switch (what)
        {
            case "venv": Directory.Delete(f.VenvDir, recursive: true); break;
            case "pyvenv.cfg": File.AppendAllText(Path.Combine(f.VenvDir, "pyvenv.cfg"), "include-system-site-packages = true\n"); break;
            case "RECORD": Directory.Delete(Path.Combine(sitePackages, "tiny_colors-0.4.1.dist-info"), recursive: true); break;
            default: File.Delete(Path.Combine(f.VenvDir, what)); break;
        }
        Assert.Null(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key));
    }

    [Fact]
    public void A_wrapper_script_as_PythonExecutable_does_not_arm_the_stamp_but_the_interpreter_binary_does()
    {
        if (OperatingSystem.IsWindows()) return;
        using var f = new RestoreFixture();
        f.Publish(new WheelBuilder("tiny-colors", "0.4.1").AddFile("tiny_colors/__init__.py", "RED = 31\n"));
        var python = Path.Combine(Environment.GetEnvironmentVariable("PYENV_ROOT") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"),
            "versions", "3.11.7", "bin", "python3.11");
        var wrapper = Path.Combine(f.Root, "python-wrapper");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{python}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // The wrapper could start another interpreter tomorrow without changing a byte: only the engine's probe can tell.
        var (wrapped, log) = f.Run(f.Request(new PackageItem("tiny-colors")) with { NoOpKey = Key, PythonExecutable = wrapper });
        Assert.True(wrapped.Success, log.All);
        Assert.Null(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key));

        var (direct, log2) = f.Run(f.Request(new PackageItem("tiny-colors")) with { NoOpKey = Key, PythonExecutable = python });
        Assert.True(direct.Success, log2.All);
        Assert.NotNull(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key));
    }

    [Fact]
    public void Without_a_key_or_after_a_warning_the_stamp_is_not_armed()
    {
        using var f = new RestoreFixture();
        f.Publish(new WheelBuilder("tiny-colors", "0.4.1").AddFile("tiny_colors/__init__.py", "RED = 31\n"));
        var plain = f.Request(new PackageItem("tiny-colors"));
        Assert.True(f.Run(plain).Result.Success);
        Assert.Null(RestoreStamp.TryRead(Path.Combine(f.ProjectDir, "obj", "python", "restore.stamp"))!.NoOpKey);

        // Cuda on a package the PyTorch index does not serve warns on every restore: a fast no-op would hide it.
        var warned = f.Request(new PackageItem("tiny-colors", Cuda: "cu121")) with { NoOpKey = Key };
        var (result, log) = f.Run(warned);
        Assert.True(result.Success, log.All);
        Assert.NotEmpty(log.Warnings);
        Assert.Null(StampedNoOp.TryConfirm(f.VenvDir, f.LockPath, Key));
    }
}
