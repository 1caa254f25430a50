using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;

namespace LlmPython.Resolver.Tests.Locking;

public class LockFileTests
{
    private static LockedPackage Package(string name, string version, params string[] deps) => new()
    {
        Name = name,
        Version = version,
        Source = "https://pypi.org/simple/",
        FileName = $"{name}-{version}-py3-none-any.whl",
        Url = $"https://files.example/{name}-{version}-py3-none-any.whl",
        Sha256 = new string('a', 64),
        Size = 1234,
        Dependencies = deps.Select(d => new LockedDependency { Name = d, Requirement = d + ">=1" }).ToList(),
    };

    private static LockFile Sample(bool reversed)
    {
        var packages = new List<LockedPackage>
        {
            Package("accelerate", "0.26.0", "torch", "numpy"),
            Package("numpy", "1.26.4"),
            Package("torch", "2.4.0+cu118", "filelock") with { Requested = true, Source = "https://download.pytorch.org/whl/cu118/" },
        };
        if (reversed) packages.Reverse();
        var envs = new List<LockedEnvironment>
        {
            new() { Name = "cp311-manylinux_2_36_x86_64-cu118", PythonVersion = "3.11.7", Platform = "manylinux_2_36_x86_64", Backend = "cu118", BackendReason = "driver 535 runs cu121 and older", Packages = packages },
            new() { Name = "cp311-win_amd64-cpu", PythonVersion = "3.11.7", Platform = "win_amd64", Backend = "cpu", Packages = packages.Where(p => p.Name != "torch").ToList() },
        };
        if (reversed) envs.Reverse();
        return new LockFile { InputsHash = "sha256:00", Environments = envs };
    }

    [Fact]
    public void Same_content_in_any_order_gives_the_same_bytes()
    {
        Assert.Equal(LockFileWriter.ToText(Sample(false)), LockFileWriter.ToText(Sample(true)));
    }

    [Fact]
    public void Output_is_sorted_uses_lf_and_ends_with_a_newline()
    {
        var text = LockFileWriter.ToText(Sample(true));
        Assert.DoesNotContain("\r", text);
        Assert.EndsWith("}\n", text);
        Assert.True(text.IndexOf("\"accelerate\"", StringComparison.Ordinal) < text.IndexOf("\"numpy\"", StringComparison.Ordinal));
        Assert.True(text.IndexOf("cu118\"", StringComparison.Ordinal) < text.IndexOf("win_amd64-cpu", StringComparison.Ordinal));
        // '+' and '>' stay readable (no \u002B escapes) so diffs are reviewable.
        Assert.Contains("2.4.0+cu118", text);
        Assert.Contains("torch>=1", text.Replace("filelock>=1", "torch>=1"));
    }

    [Fact]
    public void Round_trips_through_the_reader()
    {
        var original = Sample(false);
        var text = LockFileWriter.ToText(original);
        var read = LockFileReader.Parse(text);
        Assert.Equal(text, LockFileWriter.ToText(read));
        var torch = read.FindEnvironment("cp311-manylinux_2_36_x86_64-cu118")!.Find("torch")!;
        Assert.True(torch.Requested);
        Assert.Equal("filelock", Assert.Single(torch.Dependencies).Name);
    }

    [Fact]
    public void WriteIfChanged_does_not_touch_an_identical_file()
    {
        var dir = Directory.CreateTempSubdirectory("llmpy-lock-");
        try
        {
            var path = Path.Combine(dir.FullName, "python.lock.json");
            Assert.True(LockFileWriter.WriteIfChanged(Sample(false), path));
            var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            File.SetLastWriteTimeUtc(path, stamp);
            Assert.False(LockFileWriter.WriteIfChanged(Sample(true), path));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
            Assert.Empty(Directory.GetFiles(dir.FullName, "*.tmp-*"));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void A_damaged_lockfile_is_an_error_with_a_code()
    {
        var dir = Directory.CreateTempSubdirectory("llmpy-lock-");
        try
        {
            var path = Path.Combine(dir.FullName, "python.lock.json");
            File.WriteAllText(path, "<<<<<<< HEAD\n{");
            var e = Assert.Throws<LlmPyException>(() => LockFileReader.TryRead(path));
            Assert.Equal(DiagnosticCodes.Lock.Unreadable, e.Code);
            Assert.Contains(path, e.Message);
        }
        finally { dir.Delete(true); }
    }
}
