using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// An index whose pages give no file sizes (plain HTML) makes the lock step fetch the files to record them: the
/// transfers run side by side, so one slow file does not hold up the others, and the install uses what they fetched.
/// </summary>
public class LockStepDownloadTests
{
    [Fact]
    public void Files_without_sizes_are_fetched_in_parallel_so_a_stalled_one_does_not_hold_up_the_others()
    {
        using var f = new RestoreFixture();
        f.Server.ServeJson = false; // HTML pages: sha256 fragments, no sizes
        var names = new[] { "aaa-slow", "bbb", "ccc" };
        var files = names.Select(n => f.Publish(new WheelBuilder(n, "1.0").AddFile($"{n.Replace('-', '_')}/__init__.py", $"DATA = '{new string('x', 200_000)}'\n"))).ToList();
        // The first file (in the lock's order) sends half its body, then nothing: its try ends after the read timeout and resumes.
        f.Server.FailNext(files[0].UrlPath, 1, LocalIndexFailure.StallMidBody);

        var (result, log) = f.Run(f.Request(names.Select(n => new PackageItem(n)).ToArray()) with { HttpTimeout = TimeSpan.FromSeconds(3) });

        Assert.True(result.Success, log.All);
        var wheelRequests = f.Server.Requests.Where(r => r.Path.EndsWith(".whl", StringComparison.Ordinal)).ToList();
        Assert.Equal(names.Length + 1, wheelRequests.Count);
        // One after the other, the stalled file's retry would come second; side by side, the others are done before it.
        Assert.Equal(files[0].UrlPath, wheelRequests[^1].Path);
        Assert.NotNull(wheelRequests[^1].Range);
        var (code, output) = RestoreFixture.Exec(f.VenvPython, "-c", "import aaa_slow, bbb, ccc; print(len(aaa_slow.DATA))");
        Assert.True(code == 0, output);
        Assert.Contains("200000", output);
        Assert.Contains("\"size\"", File.ReadAllText(f.LockPath));
    }

    [Fact]
    public void A_failed_lock_step_leaves_no_unpack_running_after_the_restore_returns()
    {
        using var f = new RestoreFixture();
        f.Server.ServeJson = false; // HTML pages: the lock step fetches the files, and an install follows, so each starts unpacking
        var big = new WheelBuilder("aaa-big", "1.0");
        for (var i = 0; i < 6000; i++)
            big.AddFile($"aaa_big/m{i:D5}.py", $"X = {i}\n");
        f.Publish(big);
        var missing = f.Publish(new WheelBuilder("bbb-gone", "1.0").AddFile("bbb_gone/__init__.py", ""));
        f.Server.FailNext(missing.UrlPath, 100, LocalIndexFailure.NotFound);

        var (result, log) = f.Run(f.Request(new PackageItem("aaa-big"), new PackageItem("bbb-gone")));

        Assert.False(result.Success, log.All);
        Assert.Contains("bbb_gone-1.0", log.All);
        // The 6,000-file wheel was still being unpacked when the other file failed: nothing may go on writing the cache now.
        var before = CacheListing(f.Cache);
        Thread.Sleep(1500);
        Assert.Equal(before, CacheListing(f.Cache));
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.Combine(f.Cache, "unpacked-v1")), d => Path.GetFileName(d).StartsWith(".tmp", StringComparison.Ordinal));
    }

    private static string CacheListing(string cache) =>
        string.Join("\n", Directory.EnumerateFileSystemEntries(cache, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
}
