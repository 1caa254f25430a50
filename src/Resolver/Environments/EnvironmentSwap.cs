namespace LlmPython.Resolver.Environments;

/// <summary>
/// The swap stage of an update: the staging copy replaces the environment by two renames (environment →
/// old copy, staging → environment), and a run killed between them is repaired by the next one.
/// </summary>
internal static class EnvironmentSwap
{
    /// <summary>A new staging folder's path next to the environment <c>&lt;parent&gt;/&lt;name&gt;</c>.</summary>
    public static string NewStagingPath(string parent, string name) =>
        Path.Combine(parent, $".{name}.staging-{Guid.NewGuid():N}"[..(name.Length + 18)]);

    public static void Swap(string staging, string root, string parent, string name)
    {
        if (!Directory.Exists(root))
        {
            Directory.Move(staging, root);
            return;
        }
        var old = Path.Combine(parent, $".{name}.old-{Guid.NewGuid():N}"[..(name.Length + 14)]);
        Directory.Move(root, old);
        try
        {
            Directory.Move(staging, root);
        }
        catch
        {
            Directory.Move(old, root);
            throw;
        }
        DeleteTree(old);
    }

    /// <summary>
    /// Repairs a run killed between the two renames of <see cref="Swap"/> (environment missing, old copy present)
    /// and removes leftovers of killed runs (staging and old copies).
    /// </summary>
    public static void RecoverInterrupted(string parent, string name, string root)
    {
        var olds = Directory.EnumerateDirectories(parent, $".{name}.old-*").ToList();
        if (!Directory.Exists(root) && olds.Count > 0)
        {
            var newest = olds.OrderByDescending(Directory.GetLastWriteTimeUtc).First();
            Directory.Move(newest, root);
            olds.Remove(newest);
        }
        foreach (var leftover in olds.Concat(Directory.EnumerateDirectories(parent, $".{name}.staging-*")))
            DeleteTree(leftover);
    }

    public static void DeleteTree(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover is removed by the next update.
        }
    }
}
