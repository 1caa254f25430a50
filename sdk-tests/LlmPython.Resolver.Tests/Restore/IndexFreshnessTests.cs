using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// Index pages per their Cache-Control and one resolution per input set, judged by nginx's access log: the engine
/// restores projects in-process against a static PyPI-like site (pages with the Cache-Control under test, files immutable).
/// </summary>
public class IndexFreshnessTests
{
    [Fact]
    public async Task Parallel_projects_ask_each_page_once_resolve_each_input_set_once_and_write_the_locks_they_would_alone()
    {
        using var f = new NginxIndexFixture("max-age=600, public");
        var projects = Enumerable.Range(0, 9).Select(i => f.Project($"p{i}", ThreeStackSolution.TopLevelFor(i))).ToList();
        using var start = new ManualResetEventSlim();
        var runs = projects.Select(p => Task.Run(() => { start.Wait(); return NginxIndexFixture.Run(p); })).ToArray();
        start.Set();
        var results = await Task.WhenAll(runs);

        foreach (var (result, log) in results) Assert.True(result.Success, log.All);
        var pages = f.PageRequests();
        Assert.All(pages.GroupBy(r => r.Path), g => Assert.True(g.Count() == 1, $"{g.Key} was asked {g.Count()} times"));
        Assert.Equal(f.Pages.Order(), pages.Select(r => r.Path).Order());
        var files = f.FileRequests();
        Assert.All(files.GroupBy(r => r.Path), g => Assert.True(g.Count() == 1, $"{g.Key} was fetched {g.Count()} times"));
        Assert.Equal(3, results.Count(r => r.Log.Messages.Any(m => m.StartsWith("Resolving ", StringComparison.Ordinal))));
        Assert.Equal(6, results.Count(r => r.Log.Messages.Any(m => m.Contains("shared with", StringComparison.Ordinal))));

        // Each input set resolved alone, with a cache of its own, gives the same bytes.
        foreach (var topLevel in ThreeStackSolution.TopLevel)
        {
            var alone = f.Project("alone-" + topLevel, topLevel, cache: Path.Combine(f.Root, "cache-alone-" + topLevel));
            var (result, log) = NginxIndexFixture.Run(alone with { LockOnly = true });
            Assert.True(result.Success, log.All);
            Assert.Contains(log.Messages, m => m.StartsWith("Resolving ", StringComparison.Ordinal));
            var expected = File.ReadAllBytes(alone.LockFilePath);
            foreach (var shared in projects.Where(p => p.Packages[0].Include == topLevel))
                Assert.Equal(expected, File.ReadAllBytes(shared.LockFilePath));
            var locked = LlmPython.Resolver.Locking.LockFileReader.Parse(System.Text.Encoding.UTF8.GetString(expected)).Environments.Single();
            Assert.Equal(ThreeStackSolution.Expected[topLevel], locked.Packages.ToDictionary(p => p.Name, p => p.Version));
        }
    }

    [Fact]
    public void Within_max_age_a_rebuild_from_clean_makes_no_request_and_a_locked_one_without_obj_neither()
    {
        using var f = new NginxIndexFixture("max-age=600, public");
        var first = f.Project("first", "gamma-core");
        Assert.True(NginxIndexFixture.Run(first).Result.Success);
        var before = f.Server.Requests().Count;

        // From clean (no lock, no obj/): pages fresh, the resolution shared, wheels cached.
        var second = f.Project("second", "gamma-core");
        var (result, log) = NginxIndexFixture.Run(second);
        Assert.True(result.Success, log.All);
        Assert.Contains(log.Messages, m => m.Contains("shared with first.csproj", StringComparison.Ordinal));
        Assert.Equal(before, f.Server.Requests().Count);

        // Locked, warm cache, obj/ deleted.
        Directory.Delete(Path.Combine(Path.GetDirectoryName(first.ProjectPath)!, "obj"), recursive: true);
        (result, log) = NginxIndexFixture.Run(first);
        Assert.True(result.Success, log.All);
        Assert.Equal(before, f.Server.Requests().Count);
        Assert.True(File.Exists(Path.Combine(first.EnvironmentDirectory, "pyvenv.cfg")));
    }

    [Fact]
    public void After_max_age_every_stale_page_is_revalidated_once_and_none_is_used_unasked()
    {
        using var f = new NginxIndexFixture("max-age=1");
        var first = f.Project("first", "gamma-core");
        Assert.True(NginxIndexFixture.Run(first).Result.Success);
        var asked = f.PageRequests().Select(r => r.Path).ToHashSet();
        Thread.Sleep(TimeSpan.FromSeconds(2.2));
        var before = f.Server.Requests().Count;

        var second = f.Project("second", "gamma-core");
        var secondStarted = DateTimeOffset.UtcNow;
        var (result, log) = NginxIndexFixture.Run(second);
        Assert.True(result.Success, log.All);
        var again = f.Server.Requests().Skip(before).ToList();
        Assert.All(again, r => Assert.StartsWith("/simple/", r.Path)); // wheels and metadata are immutable
        Assert.All(again, r => Assert.Equal(304, r.Status));
        Assert.Equal(asked.Order(), again.Select(r => r.Path).Order()); // each stale page once, none unasked
        Assert.Contains(log.Messages, m => m.StartsWith("Resolving ", StringComparison.Ordinal)); // the stale resolution is not reused

        // The 304s renewed the stored pages: confirmed during the second restore, fresh for max-age=1 from then.
        var pages = new LlmPython.Resolver.Http.HttpPageCache(new LlmPython.Resolver.Caching.CacheStore(f.Cache));
        foreach (var path in asked)
        {
            var stored = pages.TryRead(LlmPython.Resolver.Http.HttpPageCache.Key(new Uri(f.Server.BaseUrl + path), LlmPython.Resolver.Indexes.SimpleIndexClient.AcceptHeader));
            Assert.True(stored?.Freshness is { } freshness && freshness.StoredAt >= secondStarted && freshness.FreshUntil <= freshness.StoredAt.AddSeconds(1), path);
        }
    }

    [Fact]
    public void No_cache_pages_are_revalidated_every_time()
    {
        using var f = new NginxIndexFixture("no-cache");
        Assert.True(NginxIndexFixture.Run(f.Project("first", "alpha-core")).Result.Success);
        var asked = f.PageRequests().Select(r => r.Path).ToList();
        for (var i = 0; i < 2; i++)
        {
            var before = f.PageRequests().Count;
            var (result, log) = NginxIndexFixture.Run(f.Project("again" + i, "alpha-core"));
            Assert.True(result.Success, log.All);
            var again = f.PageRequests().Skip(before).ToList();
            Assert.Equal(asked.Order(), again.Select(r => r.Path).Order());
            Assert.All(again, r => Assert.Equal(304, r.Status));
        }
    }

    [Fact]
    public void No_store_pages_are_never_kept()
    {
        using var f = new NginxIndexFixture("no-store");
        Assert.True(NginxIndexFixture.Run(f.Project("first", "alpha-core")).Result.Success);
        var before = f.PageRequests().Count;
        Assert.True(NginxIndexFixture.Run(f.Project("second", "alpha-core")).Result.Success);
        var again = f.PageRequests().Skip(before).ToList();
        Assert.Equal(before, again.Count);
        Assert.All(again, r => Assert.Equal(200, r.Status)); // nothing stored: no validator to send
        Assert.False(Directory.Exists(Path.Combine(f.Cache, LlmPython.Resolver.Http.HttpPageCache.Bucket))
            && Directory.EnumerateFiles(Path.Combine(f.Cache, LlmPython.Resolver.Http.HttpPageCache.Bucket), "*.complete").Any());
    }

    [Fact]
    public void Refresh_revalidates_every_fresh_page_once()
    {
        using var f = new NginxIndexFixture("max-age=600, public");
        Assert.True(NginxIndexFixture.Run(f.Project("first", "beta-core")).Result.Success);
        var asked = f.PageRequests().Select(r => r.Path).ToList();
        var before = f.Server.Requests().Count;

        var (result, log) = NginxIndexFixture.Run(f.Project("refreshed", "beta-core") with { Refresh = true });
        Assert.True(result.Success, log.All);
        var again = f.Server.Requests().Skip(before).ToList();
        Assert.Equal(asked.Order(), again.Select(r => r.Path).Order());
        Assert.All(again, r => Assert.Equal(304, r.Status));
        Assert.Contains(log.Messages, m => m.StartsWith("Resolving ", StringComparison.Ordinal));
    }
}
