using System.Text;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Restore;

/// <summary>Readable views of a lock section: the tree from the top-level items, and why a package is there.</summary>
public static class LockedGraph
{
    public static string Tree(LockedEnvironment environment)
    {
        var byName = environment.Packages.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var text = new StringBuilder();
        text.AppendLine($"{environment.Name}" + (environment.Backend is null ? "" : $" (PyTorch backend {environment.Backend})"));
        foreach (var root in environment.Packages.Where(p => p.Requested))
            Append(root, 0, []);
        return text.ToString().TrimEnd();

        void Append(LockedPackage package, int depth, HashSet<string> path)
        {
            var seenBefore = !path.Add(package.Name);
            text.Append(new string(' ', depth * 2)).Append(depth == 0 ? "" : "└─ ")
                .Append(package.Name).Append(' ').Append(package.Version)
                .AppendLine(seenBefore ? " (cycle)" : "");
            if (seenBefore) return;
            foreach (var dep in package.Dependencies.Select(d => d.Name).Distinct().Order(StringComparer.Ordinal))
                if (byName.TryGetValue(dep, out var child)) Append(child, depth + 1, path);
            path.Remove(package.Name);
        }
    }

    public static string Why(LockedEnvironment environment, string package)
    {
        var name = PackageName.IsValid(package) ? PackageName.Normalize(package) : package;
        var byName = environment.Packages.ToDictionary(p => p.Name, StringComparer.Ordinal);
        if (!byName.TryGetValue(name, out var target))
            return $"{package} is not in the resolved environment {environment.Name}.";
        var lines = new List<string>();
        if (target.Requested) lines.Add($"{name} {target.Version}: a PythonPackage item of the project");
        // Depth-first over reversed edges, every simple path from a top-level item.
        var dependents = environment.Packages
            .SelectMany(p => p.Dependencies.Select(d => (From: p, d.Name, d.Requirement)))
            .GroupBy(e => e.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Walk(name, [$"{name} {target.Version}"], [name]);
        return lines.Count == 0 ? $"{name} {target.Version} is in {environment.Name}, but nothing requires it." : string.Join("\n", lines.Distinct());

        void Walk(string current, List<string> chain, HashSet<string> visited)
        {
            foreach (var (from, _, requirement) in dependents.GetValueOrDefault(current) ?? [])
            {
                if (!visited.Add(from.Name)) continue;
                chain.Insert(0, $"{from.Name} {from.Version} (needs {requirement ?? current})");
                if (from.Requested) lines.Add(string.Join(" → ", chain));
                if (lines.Count < 50) Walk(from.Name, chain, visited);
                chain.RemoveAt(0);
                visited.Remove(from.Name);
            }
        }
    }
}
