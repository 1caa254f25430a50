using LlmPython.Resolver.Caching;

namespace LlmPython.Resolver.Tests.Caching;

public class CacheStoreTests
{
    [Fact]
    public async Task Produces_once_then_returns_the_complete_entry()
    {
        using var dir = new ScratchFolder();
        var store = new CacheStore(dir.Path);
        var calls = 0;
        Assert.Null(store.TryGet("wheels", "abc"));

        var first = await store.GetOrCreateAsync("wheels", "abc", (temp, _) => { calls++; return File.WriteAllTextAsync(temp, "data"); });
        var second = await store.GetOrCreateAsync("wheels", "abc", (temp, _) => { calls++; return File.WriteAllTextAsync(temp, "other"); });

        Assert.Equal(1, calls);
        Assert.Equal(dir.Sub("wheels", "abc"), first);
        Assert.Equal(first, second);
        Assert.Equal("data", File.ReadAllText(first));
        Assert.Equal(first, store.TryGet("wheels", "abc"));
    }

    [Fact]
    public async Task Folder_entries_are_supported()
    {
        using var dir = new ScratchFolder();
        var store = new CacheStore(dir.Path);
        var path = await store.GetOrCreateAsync("unpacked", "k", (temp, _) =>
        {
            Directory.CreateDirectory(Path.Combine(temp, "sub"));
            File.WriteAllText(Path.Combine(temp, "sub", "f.txt"), "x");
            return Task.CompletedTask;
        });
        Assert.Equal("x", File.ReadAllText(Path.Combine(path, "sub", "f.txt")));
    }

    [Fact]
    public async Task Concurrent_producers_with_separate_instances_produce_once()
    {
        using var dir = new ScratchFolder();
        var productions = 0;
        async Task Produce(string temp, CancellationToken ct)
        {
            Interlocked.Increment(ref productions);
            await using (var f = File.Create(temp))
            {
                for (var i = 0; i < 20; i++)
                {
                    await f.WriteAsync(new byte[1000], ct);
                    await Task.Delay(2, ct);
                }
            }
        }

        var tasks = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => new CacheStore(dir.Path).GetOrCreateAsync("wheels", "same", Produce)))
            .ToArray();
        var paths = await Task.WhenAll(tasks);

        Assert.Equal(1, productions);
        Assert.All(paths, p => Assert.Equal(paths[0], p));
        Assert.Equal(20_000, new FileInfo(paths[0]).Length);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Sub("wheels"), ".tmp-*"));
    }

    [Fact]
    public async Task A_failing_producer_leaves_nothing_and_a_later_one_succeeds()
    {
        using var dir = new ScratchFolder();
        var store = new CacheStore(dir.Path);
        await Assert.ThrowsAsync<InvalidDataException>(() => store.GetOrCreateAsync("wheels", "k", async (temp, _) =>
        {
            await File.WriteAllTextAsync(temp, "half");
            throw new InvalidDataException("boom");
        }));

        Assert.Null(store.TryGet("wheels", "k"));
        Assert.Equal(new[] { "k.lock" }, Directory.GetFileSystemEntries(dir.Sub("wheels")).Select(p => Path.GetFileName(p)!).ToArray());

        var path = await store.GetOrCreateAsync("wheels", "k", (temp, _) => File.WriteAllTextAsync(temp, "good"));
        Assert.Equal("good", File.ReadAllText(path));
    }

    [Fact]
    public async Task Leftovers_of_a_killed_producer_are_cleaned_and_redone()
    {
        using var dir = new ScratchFolder();
        var bucket = dir.Sub("wheels");
        Directory.CreateDirectory(bucket);
        // A killed process: a temp folder, and an entry renamed into place without its marker.
        Directory.CreateDirectory(Path.Combine(bucket, ".tmp-k-999-dead"));
        File.WriteAllText(Path.Combine(bucket, "k"), "truncated");
        var store = new CacheStore(dir.Path);
        Assert.Null(store.TryGet("wheels", "k"));

        var path = await store.GetOrCreateAsync("wheels", "k", (temp, _) => File.WriteAllTextAsync(temp, "whole"));

        Assert.Equal("whole", File.ReadAllText(path));
        Assert.False(Directory.Exists(Path.Combine(bucket, ".tmp-k-999-dead")));
    }

    [Fact]
    public async Task A_producer_that_writes_nothing_is_an_error()
    {
        using var dir = new ScratchFolder();
        var store = new CacheStore(dir.Path);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetOrCreateAsync("b", "k", (_, _) => Task.CompletedTask));
        Assert.Null(store.TryGet("b", "k"));
    }

    [Fact]
    public async Task A_held_lock_times_out_with_LLMPY0701()
    {
        using var dir = new ScratchFolder();
        Directory.CreateDirectory(dir.Sub("b"));
        using var held = new FileStream(dir.Sub("b", "k.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var store = new CacheStore(dir.Path) { LockTimeout = TimeSpan.FromMilliseconds(150) };
        var e = await Assert.ThrowsAsync<LlmPython.Resolver.Diagnostics.LlmPyException>(
            () => store.GetOrCreateAsync("b", "k", (t, _) => File.WriteAllTextAsync(t, "x")));
        Assert.Equal("LLMPY0701", e.Code);
    }

    [Fact]
    public async Task A_waiter_keeps_waiting_past_the_lock_timeout_while_the_producer_shows_progress()
    {
        using var dir = new ScratchFolder();
        Directory.CreateDirectory(dir.Sub("b"));
        var held = new FileStream(dir.Sub("b", "k.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var store = new CacheStore(dir.Path) { LockTimeout = TimeSpan.FromMilliseconds(300) };
        long moved = 0;
        using var mover = new Timer(_ => Interlocked.Increment(ref moved), null, 0, 50);
        var waiting = store.GetOrCreateAsync("b", "k", (t, _) => File.WriteAllTextAsync(t, "x"), producerProgress: () => Interlocked.Read(ref moved));

        await Task.Delay(1200); // four lock timeouts: a long download of another build
        Assert.False(waiting.IsCompleted);
        held.Dispose();

        Assert.Equal("x", File.ReadAllText(await waiting));
    }

    [Fact]
    public async Task The_entry_lock_excludes_another_process()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var dir = new ScratchFolder();
        Directory.CreateDirectory(dir.Sub("b"));
        // Another process holds the entry's lock (flock, what FileShare.None takes on Unix) until told to stop.
        var start = new System.Diagnostics.ProcessStartInfo("python3",
            ["-c", "import fcntl,sys; f=open(sys.argv[1],'a'); fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); sys.stdin.read()", dir.Sub("b", "k.lock")])
        { RedirectStandardOutput = true, RedirectStandardInput = true };
        using var holder = System.Diagnostics.Process.Start(start)!;
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync());

        var store = new CacheStore(dir.Path) { LockTimeout = TimeSpan.FromMilliseconds(300) };
        var e = await Assert.ThrowsAsync<LlmPython.Resolver.Diagnostics.LlmPyException>(
            () => store.GetOrCreateAsync("b", "k", (t, _) => File.WriteAllTextAsync(t, "x")));
        Assert.Equal("LLMPY0701", e.Code);

        holder.StandardInput.Close();
        await holder.WaitForExitAsync();
        var path = await store.GetOrCreateAsync("b", "k", (t, _) => File.WriteAllTextAsync(t, "x"));
        Assert.Equal("x", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData(".tmp-x")]
    public void Unsafe_keys_are_refused(string key)
    {
        var store = new CacheStore("/tmp/x");
        Assert.Throws<ArgumentException>(() => store.EntryPath("b", key));
    }

    [Fact]
    public void Default_root_follows_env_then_xdg_then_home()
    {
        var env = new Dictionary<string, string?>();
        string Root(bool windows) => CacheStore.DefaultRoot(k => env.GetValueOrDefault(k), windows, "/home/u", "C:\\Users\\u\\AppData\\Local");

        Assert.Equal(Path.Combine("/home/u", ".cache", "llmpython"), Root(false));
        env["XDG_CACHE_HOME"] = "relative/ignored";
        Assert.Equal(Path.Combine("/home/u", ".cache", "llmpython"), Root(false));
        env["XDG_CACHE_HOME"] = "/xdg";
        Assert.Equal(Path.Combine("/xdg", "llmpython"), Root(false));
        Assert.Equal(Path.Combine("C:\\Users\\u\\AppData\\Local", "llmpython"), Root(true));
        env["LLMPYTHON_CACHE"] = "/explicit";
        Assert.Equal(Path.GetFullPath("/explicit"), Root(false));
    }

    [Fact]
    public async Task An_entry_replaced_under_its_lock_is_never_missing_or_torn_for_a_reader()
    {
        using var dir = new ScratchFolder();
        var store = new CacheStore(dir.Path);
        string Body(int i) => i.ToString("D6") + new string('x', 64 * 1024);
        using (var first = await store.LockAsync("http-pages", "k"))
            await first.ReplaceAsync((temp, ct) => File.WriteAllTextAsync(temp, Body(0), ct));

        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var reads = 0;
            while (!stop.IsCancellationRequested)
            {
                var path = store.TryGet("http-pages", "k");
                Assert.NotNull(path); // never missing while replaced
                using var stream = new FileStream(path!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var text = new StreamReader(stream).ReadToEnd();
                Assert.Equal(Body(int.Parse(text[..6], System.Globalization.CultureInfo.InvariantCulture)), text); // never torn
                reads++;
            }
            return reads;
        });
        for (var i = 1; i <= 200; i++)
        {
            using var entry = await store.LockAsync("http-pages", "k");
            Assert.NotNull(entry.Existing);
            await entry.ReplaceAsync((temp, ct) => File.WriteAllTextAsync(temp, Body(i), ct));
        }
        stop.Cancel();
        Assert.True(await reader > 0);
        Assert.Equal(Body(200), File.ReadAllText(store.TryGet("http-pages", "k")!));
    }
}
