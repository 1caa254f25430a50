using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Resolution;

/// <summary>The state of one resolution (the PubGrub loop over a <see cref="CandidateCatalog"/>).</summary>
internal sealed class PubGrubRun
{
    private static readonly string[] NoExtras = [];

    private readonly ResolutionRequest _request;
    private readonly CandidateCatalog _catalog;
    private readonly CandidateRules _rules;
    private readonly PartialSolution _solution = new();
    private readonly Dictionary<SolverPackage, List<Incompatibility>> _incompatibilities = [];
    private readonly HashSet<SolverPackage> _initialized = [];
    private readonly Dictionary<(SolverPackage, int), List<Incompatibility>> _dependencyIncompatibilities = [];
    private readonly Dictionary<(SolverPackage, int), List<(SolverPackage Target, Requirement Requirement)>> _edges = [];
    private readonly Dictionary<(SolverPackage, SolverPackage, string, VersionSet), Incompatibility> _mergeable = [];
    private readonly HashSet<PackageName> _noDeps = [];
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<(SolverPackage, SolverPackage), int> _rejections = [];
    private readonly Dictionary<SolverPackage, int> _priority = [];
    private readonly DecisionOrder _order;
    private readonly HashSet<(SolverPackage, SolverPackage)> _repinned = [];
    private const int RejectionThreshold = 5;
    private int _steps;

    public PubGrubRun(ResolutionRequest request, IResolverSource source, CancellationToken cancellationToken)
    {
        _request = request;
        _catalog = new CandidateCatalog(source, cancellationToken);
        _rules = new CandidateRules(request);
        _cancellationToken = cancellationToken;
        _order = new DecisionOrder(request.Roots.Select(r => r.Requirement));
        foreach (var root in request.Roots)
            if (root.NoDeps) _noDeps.Add(root.Requirement.NormalizedName);
    }

    public async Task<ResolutionResult> RunAsync()
    {
        AddIncompatibility(new Incompatibility([(SolverPackage.Root, new Term(false, VersionSet.Full(1)))], IncompatibilityKind.Root));
        var next = SolverPackage.Root;
        while (true)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            Propagate(next);
            var pick = PickPackage();
            if (pick is null) return BuildResult();
            var (package, allowed) = pick.Value;
            if (++_steps > _request.MaxSteps)
                throw new LlmPyException(DiagnosticCodes.Resolution.TooComplex,
                    $"Resolution gave up after {_request.MaxSteps} steps while choosing a version of '{package}'. Narrow the version ranges of the top-level packages (for example pin '{package}') and build again.")
                { PackageName = package.Name.Value };
            var index = ChooseVersion(package, allowed);
            var incompats = await DependenciesOfAsync(package, index).ConfigureAwait(false);
            var blocking = incompats.FirstOrDefault(i => SatisfiedIfChosen(i, package, index));
            if (blocking is null)
                _solution.Decide(package, Universe(package), index);
            else if (RepinLikePip(package, blocking) || RecordRejection(package, blocking))
            {
                PropagateAll();
                continue;
            }
            next = package;
        }
    }

    /// <summary>
    /// The chosen version of <paramref name="package"/> needs another version of an already decided package,
    /// which that package's other requirements allow. pip would take this version and re-pin the other package
    /// (resolvelib re-pins any pin its criteria no longer accept), so the solver backtracks to before that
    /// decision and decides that package later. Once per pair, so it always ends.
    /// </summary>
    private bool RepinLikePip(SolverPackage package, Incompatibility blocking)
    {
        foreach (var (other, term) in blocking.Terms)
        {
            if (other == package || other.IsRoot || term.Positive || !_solution.Decisions.ContainsKey(other)) continue;
            if (_solution.TermWithoutDecision(other).Intersect(term.Negate()).IsEmpty) continue;
            if (!_repinned.Add((package, other))) continue;
            _order.Defer(other);
            _solution.Backtrack(Math.Max(1, _solution.DecisionLevelOf(other) - 1));
            _steps++;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Counts how often a decided package rules out versions of <paramref name="package"/>. At the fifth time
    /// (uv's threshold) <paramref name="package"/> gets priority and the solver backtracks to before that
    /// decision, instead of walking down every version (packse "wrong-backtracking").
    /// </summary>
    private bool RecordRejection(SolverPackage package, Incompatibility blocking)
    {
        foreach (var (other, _) in blocking.Terms)
        {
            if (other == package || other.IsRoot || !_solution.Decisions.ContainsKey(other)) continue;
            var key = (package, other);
            _rejections[key] = _rejections.GetValueOrDefault(key) + 1;
            if (_rejections[key] != RejectionThreshold || _priority.ContainsKey(package)) continue;
            _priority[package] = _priority.Count;
            _solution.Backtrack(Math.Max(1, _solution.DecisionLevelOf(other) - 1));
            return true;
        }
        return false;
    }

    private void PropagateAll()
    {
        foreach (var package in _solution.Assigned().ToList()) Propagate(package);
    }

    private int Universe(SolverPackage package) => package.IsRoot ? 1 : _catalog.Known[package.Name].Count;

    private void AddIncompatibility(Incompatibility incompat)
    {
        foreach (var (package, _) in incompat.Terms)
        {
            if (!_incompatibilities.TryGetValue(package, out var list)) _incompatibilities[package] = list = [];
            list.Add(incompat);
        }
    }

    private void Propagate(SolverPackage start)
    {
        var changed = new Stack<SolverPackage>();
        changed.Push(start);
        while (changed.Count > 0)
        {
            var package = changed.Pop();
            if (!_incompatibilities.TryGetValue(package, out var list)) continue;
            for (var k = list.Count - 1; k >= 0; k--)
            {
                var incompat = list[k];
                var relation = _solution.RelationTo(incompat, out var almost);
                if (relation == Relation.Satisfied)
                {
                    var learned = ResolveConflict(incompat);
                    if (_solution.RelationTo(learned, out var pivot) != Relation.AlmostSatisfied)
                        throw new InvalidOperationException("PubGrub invariant: a learned incompatibility must be almost satisfied after backjumping.");
                    _solution.Derive(pivot!, learned.TermFor(pivot!)!.Value.Negate(), learned);
                    changed.Clear();
                    changed.Push(pivot!);
                    break;
                }
                if (relation == Relation.AlmostSatisfied)
                {
                    _solution.Derive(almost!, incompat.TermFor(almost!)!.Value.Negate(), incompat);
                    changed.Push(almost!);
                }
            }
        }
    }

    private Incompatibility ResolveConflict(Incompatibility incompat)
    {
        var current = incompat;
        while (true)
        {
            if (current.IsTerminal) throw new FailureReport(_catalog.Known, _rules).ToException(current);
            var (satisfier, previousLevel) = _solution.FindSatisfier(current);
            if (satisfier.IsDecision || previousLevel < satisfier.DecisionLevel)
            {
                _solution.Backtrack(previousLevel);
                if (!ReferenceEquals(current, incompat)) AddIncompatibility(current);
                _steps++;
                return current;
            }
            current = Incompatibility.PriorCause(current, satisfier.Cause!, satisfier.Package);
        }
    }

    /// <summary>Root, then packages that kept being ruled out, then pip's order (<see cref="DecisionOrder"/>).</summary>
    private (SolverPackage, VersionSet)? PickPackage()
    {
        (SolverPackage Package, VersionSet Allowed)? best = null;
        var bestKey = (int.MaxValue, (int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue));
        Func<SolverPackage, bool> isDecided = p => _solution.Decisions.ContainsKey(p);
        foreach (var (package, allowed) in _solution.Undecided())
        {
            if (package.IsRoot) return (package, allowed);
            var key = (_priority.TryGetValue(package, out var p) ? p : int.MaxValue - 1, _order.KeyOf(package, allowed.Count == 1, isDecided));
            var order = key.CompareTo(bestKey);
            if (order < 0 || (order == 0 && string.CompareOrdinal(package.ToString(), best!.Value.Package.ToString()) < 0))
            {
                best = (package, allowed);
                bestKey = key;
            }
        }
        return best;
    }

    private int ChooseVersion(SolverPackage package, VersionSet allowed)
    {
        if (package.IsRoot) return 0;
        var versions = _catalog.Known[package.Name];
        if (_request.PreferredVersions.TryGetValue(package.Name, out var preferred))
            foreach (var i in allowed.Indexes())
                if (versions[i] == preferred) return i;
        return allowed.First();
    }

    /// <summary>Would choosing <paramref name="index"/> satisfy this incompatibility right away?</summary>
    private bool SatisfiedIfChosen(Incompatibility incompat, SolverPackage package, int index) =>
        incompat.Terms.All(pt => pt.Package == package
            ? pt.Term.Positive == pt.Term.Set.Contains(index)
            : _solution.TermFor(pt.Package) is { } current && current.IsSubsetOf(pt.Term));

    private async Task<List<Incompatibility>> DependenciesOfAsync(SolverPackage package, int index)
    {
        if (_dependencyIncompatibilities.TryGetValue((package, index), out var done)) return done;
        var requirements = await RequirementsOfAsync(package, index).ConfigureAwait(false);
        var targets = new List<(SolverPackage Target, Requirement? Requirement)>();
        if (package.Extra is not null) targets.Add((package.Base, null));
        foreach (var requirement in requirements)
        {
            var name = requirement.NormalizedName;
            targets.Add((SolverPackage.Of(name), requirement));
            foreach (var extra in requirement.Extras) targets.Add((SolverPackage.Of(name, extra), requirement));
        }
        await _catalog.GetVersionsAsync(targets.Select(t => t.Target.Name)).ConfigureAwait(false);

        var universe = Universe(package);
        var self = VersionSet.Single(universe, index);
        var result = new List<Incompatibility>();
        var edges = new List<(SolverPackage, Requirement)>();
        foreach (var (target, requirement) in targets)
        {
            if (target == package) continue;
            InitializeNode(target);
            var versions = _catalog.Known[target.Name];
            if (requirement is null)
            {
                // name[extra] v depends on name == v.
                _order.AddEdge(package, target, null);
                result.Add(AddDependency(package, self, target, VersionSet.Single(versions.Count, index), null));
                continue;
            }
            edges.Add((target, requirement));
            _order.AddEdge(package, target, requirement);
            var set = _rules.Matching(versions, requirement);
            if (set.IsEmpty)
            {
                var incompat = new Incompatibility([(package, new Term(true, self))], IncompatibilityKind.DependencyWithoutMatch)
                {
                    Requirement = requirement,
                    Dependee = target,
                    DependeeUnknown = !versions.Exists,
                    Detail = _rules.DescribeRejections(versions, requirement),
                };
                AddIncompatibility(incompat);
                result.Add(incompat);
                continue;
            }
            result.Add(AddDependency(package, self, target, set, requirement));
            if (_request.Prefetch && target.Extra is null) PrefetchFirst(versions, set);
        }
        _dependencyIncompatibilities[(package, index)] = result;
        _edges[(package, index)] = edges;
        return result;
    }

    private async Task<IReadOnlyList<Requirement>> RequirementsOfAsync(SolverPackage package, int index)
    {
        if (package.IsRoot)
            return _request.Roots.Select(r => r.Requirement)
                .Where(r => r.Marker is null || r.Marker.Evaluate(_request.Environment, NoExtras)).ToList();
        var candidate = _catalog.Known[package.Name].Candidates[index];
        // NoDeps drops the metadata's dependencies, not the torch its wheel was compiled against.
        if (_noDeps.Contains(package.Name)) return package.Extra is null && candidate.TorchCoupling is { } coupling ? [coupling] : [];
        var all = await _catalog.GetDependenciesAsync(package.Name, candidate).ConfigureAwait(false);
        if (package.Extra is null)
            return all.Where(r => r.Marker is null || r.Marker.Evaluate(_request.Environment, NoExtras)).ToList();
        // An extra node carries only what the extra adds; the base node carries the rest.
        string[] extras = [package.Extra];
        return all.Where(r => r.Marker is not null
            && r.Marker.Evaluate(_request.Environment, extras)
            && !r.Marker.Evaluate(_request.Environment, NoExtras)).ToList();
    }

    /// <summary>Adds {package ∈ from, not target ∈ to}, widening an identical dependency of other versions.</summary>
    private Incompatibility AddDependency(SolverPackage package, VersionSet from, SolverPackage target, VersionSet to, Requirement? requirement)
    {
        var key = (package, target, requirement?.ToString() ?? "", to);
        if (_mergeable.TryGetValue(key, out var existing))
            from = from.Union(existing.TermFor(package)!.Value.Set);
        var incompat = new Incompatibility([(package, new Term(true, from)), (target, new Term(false, to))], IncompatibilityKind.Dependency)
        {
            Requirement = requirement,
        };
        _mergeable[key] = incompat;
        AddIncompatibility(incompat);
        return incompat;
    }

    /// <summary>Once per node: the versions the target cannot use at all, and constraints.</summary>
    private void InitializeNode(SolverPackage node)
    {
        if (!_initialized.Add(node)) return;
        var versions = _catalog.Known[node.Name];
        foreach (var unusable in _rules.UnusableGroups(versions))
            AddIncompatibility(new Incompatibility([(node, new Term(true, unusable.Set))], unusable.Kind) { Detail = unusable.Detail });
        if (node.Extra is not null) return;
        foreach (var constraint in _request.Constraints.Where(c => c.NormalizedName == node.Name))
        {
            if (constraint.Marker is not null && !constraint.Marker.Evaluate(_request.Environment, NoExtras)) continue;
            var excluded = _rules.Matching(versions, constraint).Complement();
            if (!excluded.IsEmpty)
                AddIncompatibility(new Incompatibility([(node, new Term(true, excluded))], IncompatibilityKind.Constraint) { Requirement = constraint });
        }
    }

    private void PrefetchFirst(PackageVersions versions, VersionSet set)
    {
        foreach (var i in set.Indexes())
        {
            if (!_rules.IsUsable(versions.Name, versions.Candidates[i])) continue;
            if (!_noDeps.Contains(versions.Name)) _catalog.Prefetch(versions.Name, versions.Candidates[i]);
            return;
        }
    }

    private ResolutionResult BuildResult()
    {
        var decisions = _solution.Decisions.Where(d => !d.Key.IsRoot).ToList();
        var nodes = decisions.Where(d => d.Key.Extra is null)
            .Select(d =>
            {
                var versions = _catalog.Known[d.Key.Name];
                var extras = decisions.Where(e => e.Key.Name == d.Key.Name && e.Key.Extra is not null)
                    .Select(e => e.Key.Extra!).OrderBy(e => e, StringComparer.Ordinal).ToArray();
                return new ResolvedNode(d.Key.Name, versions[d.Value], versions.Candidates[d.Value]) { Extras = extras };
            })
            .OrderBy(n => n.Name.Value, StringComparer.Ordinal).ToList();
        var selected = nodes.Select(n => n.Name).ToHashSet();
        var edges = new List<ResolvedEdge>();
        var seen = new HashSet<(string, string, string, string)>();
        foreach (var (package, index) in _solution.Decisions)
        {
            if (!_edges.TryGetValue((package, index), out var list)) continue;
            PackageName? from = package.IsRoot ? null : package.Name;
            foreach (var (target, requirement) in list)
            {
                if (target.Extra is not null || !selected.Contains(target.Name)) continue;
                if (seen.Add((from?.Value ?? "", target.Name.Value, requirement.ToString(), package.Extra ?? "")))
                    edges.Add(new ResolvedEdge(from, target.Name, requirement, package.Extra));
            }
        }
        edges = edges.OrderBy(e => e.From?.Value ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.To.Value, StringComparer.Ordinal)
            .ThenBy(e => e.ViaExtra ?? "", StringComparer.Ordinal)
            .ThenBy(e => e.RequirementText, StringComparer.Ordinal).ToList();
        return new ResolutionResult(nodes, edges);
    }
}
