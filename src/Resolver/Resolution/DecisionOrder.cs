using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Resolution;

/// <summary>
/// Which undecided package the solver decides next, in pip's order (pip 23's <c>get_preference</c>), so that where
/// several answers are valid the solver lands where <c>pip install</c> lands:
/// 1. packages left with a single version (no choice to make; like uv's singletons, their requirements prune the
///    rest early, which roughly halves the steps of conflict-heavy graphs such as pyrex; pip would re-pin what
///    they constrain, so the answer stays pip's on every vector and graph tested);
/// 2. packages pinned with <c>==</c> (also the base of a chosen extra, which pip treats as a direct pin);
/// 3. the ones closest to the project (depth, the project's own requirements being 1);
/// 4. the order of the project's own requirements;
/// 5. packages with any version bound before unbounded ones; 6. name (ordinal, by the caller).
/// Packages whose decision blocked a newer version of another package come after all others (<see cref="Defer"/>).
/// </summary>
internal sealed class DecisionOrder
{
    private readonly Dictionary<PackageName, int> _requestedOrder = [];
    private readonly Dictionary<SolverPackage, List<(SolverPackage Parent, bool Pinned, bool Bounded)>> _incoming = [];
    private readonly Dictionary<SolverPackage, int> _knownDepth = [];
    private readonly HashSet<SolverPackage> _deferred = [];

    public DecisionOrder(IEnumerable<Requirement> roots)
    {
        var i = 0;
        foreach (var root in roots) _requestedOrder.TryAdd(root.NormalizedName, i++);
    }

    /// <summary>Records that <paramref name="parent"/> requires <paramref name="target"/> (null requirement: an extra's base, pinned to the extra's version).</summary>
    public void AddEdge(SolverPackage parent, SolverPackage target, Requirement? requirement)
    {
        if (!_incoming.TryGetValue(target, out var list)) _incoming[target] = list = [];
        var specifiers = requirement?.Specifier.Specifiers;
        var pinned = requirement is null || specifiers!.Any(s => s.Operator.StartsWith("==", StringComparison.Ordinal));
        var bounded = requirement is null || specifiers!.Count > 0;
        if (!list.Contains((parent, pinned, bounded))) list.Add((parent, pinned, bounded));
    }

    /// <summary>
    /// pip keeps an earlier pin only until a later package's newest version needs another version of it; then it
    /// pins that newer version and re-pins the earlier package. The solver emulates this by deciding
    /// <paramref name="package"/> after every package that is not deferred. False if it already was.
    /// </summary>
    public bool Defer(SolverPackage package) => _deferred.Add(package);

    /// <summary>
    /// The sort key of <paramref name="package"/> (smaller first; ties go by name, ordinal); <paramref name="forced"/>:
    /// one version is left; <paramref name="isDecided"/> says which parents count.
    /// </summary>
    public (int Deferred, int Choice, int NotPinned, int Depth, int RequestedOrder, int Free) KeyOf(SolverPackage package, bool forced, Func<SolverPackage, bool> isDecided)
    {
        var pinned = false;
        var bounded = false;
        var depth = int.MaxValue;
        if (_incoming.TryGetValue(package, out var edges))
            foreach (var (parent, edgePinned, edgeBounded) in edges)
            {
                if (!parent.IsRoot && !isDecided(parent)) continue;
                pinned |= edgePinned;
                bounded |= edgeBounded;
                var parentDepth = parent.IsRoot ? 0 : _knownDepth.GetValueOrDefault(parent, int.MaxValue - 1);
                depth = Math.Min(depth, parentDepth + 1);
            }
        var requested = package.Extra is null && _requestedOrder.TryGetValue(package.Name, out var order) ? order : int.MaxValue;
        if (requested != int.MaxValue) depth = 1;
        _knownDepth[package] = depth;
        return (_deferred.Contains(package) ? 1 : 0, forced ? 0 : 1, pinned ? 0 : 1, depth, requested, bounded ? 0 : 1);
    }
}
