using System.Globalization;

namespace LlmPython.TestSupport;

/// <summary>
/// Samples the resident memory of a process and all its descendants (Linux /proc) until disposed and keeps the
/// highest sum seen: the peak RSS of a build, MSBuild nodes and child processes included.
/// </summary>
public sealed class ProcessTreeMemory : IDisposable
{
    private readonly int _root;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;

    public ProcessTreeMemory(int rootProcessId)
    {
        _root = rootProcessId;
        _sampler = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var sum = Tree().Sum(ResidentBytes);
                if (sum > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, sum);
                try { await Task.Delay(50, _stop.Token).ConfigureAwait(false); } catch (OperationCanceledException) { }
            }
        });
    }

    /// <summary>Highest resident set of the tree seen so far, in bytes.</summary>
    public long PeakBytes => Interlocked.Read(ref _peak);

    public void Dispose()
    {
        _stop.Cancel();
        _sampler.Wait();
        _stop.Dispose();
    }

    private IEnumerable<int> Tree()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                // /proc/<pid>/stat: "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        }
        var tree = new List<int> { _root };
        for (var i = 0; i < tree.Count; i++)
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        return tree;
    }

    private static long ResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
    }
}
