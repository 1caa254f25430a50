namespace LlmPython.Resolver.Resolution;

/// <summary>One decision or derivation, with the intersection of every assignment of its package so far.</summary>
internal sealed record Assignment(SolverPackage Package, Term Term, Incompatibility? Cause, int DecisionLevel, int Index, Term Accumulated)
{
    public bool IsDecision => Cause is null;
}

internal enum Relation { Satisfied, Contradicted, AlmostSatisfied, Inconclusive }

/// <summary>The ordered assignments of PubGrub with per-package accumulated terms.</summary>
internal sealed class PartialSolution
{
    private readonly List<Assignment> _assignments = [];
    private readonly Dictionary<SolverPackage, List<Assignment>> _byPackage = [];
    private readonly Dictionary<SolverPackage, int> _decisions = [];
    // Packages in the order they were first assigned, for deterministic choice.
    private readonly List<SolverPackage> _seen = [];

    public int DecisionLevel { get; private set; }

    public IReadOnlyDictionary<SolverPackage, int> Decisions => _decisions;

    /// <summary>The decision level at which <paramref name="package"/> was decided.</summary>
    public int DecisionLevelOf(SolverPackage package) => _byPackage[package].Last(a => a.IsDecision).DecisionLevel;

    /// <summary>Packages with at least one assignment.</summary>
    public IEnumerable<SolverPackage> Assigned() => _seen.Where(p => _byPackage[p].Count > 0);

    public Term? TermFor(SolverPackage package) =>
        _byPackage.TryGetValue(package, out var list) && list.Count > 0 ? list[^1].Accumulated : null;

    /// <summary>What every assignment of <paramref name="package"/> but its decision allows (what pip calls its criterion).</summary>
    public Term TermWithoutDecision(SolverPackage package)
    {
        var list = _byPackage[package];
        var term = Term.Any(list[0].Term.Set.Universe);
        foreach (var assignment in list)
            if (!assignment.IsDecision) term = term.Intersect(assignment.Term);
        return term;
    }

    public void Decide(SolverPackage package, int universe, int index)
    {
        DecisionLevel++;
        Add(package, new Term(true, VersionSet.Single(universe, index)), null);
        _decisions[package] = index;
    }

    public void Derive(SolverPackage package, Term term, Incompatibility cause) => Add(package, term, cause);

    private void Add(SolverPackage package, Term term, Incompatibility? cause)
    {
        if (!_byPackage.TryGetValue(package, out var list))
        {
            _byPackage[package] = list = [];
            _seen.Add(package);
        }
        var accumulated = list.Count > 0 ? list[^1].Accumulated.Intersect(term) : term;
        var assignment = new Assignment(package, term, cause, DecisionLevel, _assignments.Count, accumulated);
        _assignments.Add(assignment);
        list.Add(assignment);
    }

    public void Backtrack(int level)
    {
        while (_assignments.Count > 0 && _assignments[^1].DecisionLevel > level)
        {
            var last = _assignments[^1];
            _assignments.RemoveAt(_assignments.Count - 1);
            _byPackage[last.Package].RemoveAt(_byPackage[last.Package].Count - 1);
            if (last.IsDecision) _decisions.Remove(last.Package);
        }
        DecisionLevel = level;
    }

    public Relation RelationTo(Incompatibility incompat, out SolverPackage? almost)
    {
        almost = null;
        var inconclusive = 0;
        foreach (var (package, term) in incompat.Terms)
        {
            var current = TermFor(package) ?? Term.Any(term.Set.Universe);
            if (current.IsSubsetOf(term)) continue;
            if (current.IsDisjointWith(term)) return Relation.Contradicted;
            if (++inconclusive > 1) return Relation.Inconclusive;
            almost = package;
        }
        return inconclusive == 0 ? Relation.Satisfied : Relation.AlmostSatisfied;
    }

    /// <summary>
    /// The earliest assignment after which <paramref name="incompat"/> is satisfied, and the decision level
    /// at which it was already satisfied except for that assignment (where to backjump).
    /// </summary>
    public (Assignment Satisfier, int PreviousLevel) FindSatisfier(Incompatibility incompat)
    {
        Assignment? satisfier = null;
        var satisfiers = new List<Assignment>();
        foreach (var (package, term) in incompat.Terms)
        {
            var found = _byPackage[package].First(a => a.Accumulated.IsSubsetOf(term));
            satisfiers.Add(found);
            if (satisfier is null || found.Index > satisfier.Index) satisfier = found;
        }
        var previous = 1;
        foreach (var s in satisfiers)
            if (!ReferenceEquals(s, satisfier)) previous = Math.Max(previous, s.DecisionLevel);
        var satisfierTerm = incompat.TermFor(satisfier!.Package)!.Value;
        if (!satisfier.Term.IsSubsetOf(satisfierTerm))
        {
            foreach (var a in _byPackage[satisfier.Package])
            {
                if (a.Index >= satisfier.Index) break;
                if (a.Accumulated.Intersect(satisfier.Term).IsSubsetOf(satisfierTerm))
                {
                    previous = Math.Max(previous, a.DecisionLevel);
                    break;
                }
            }
        }
        return (satisfier, previous);
    }

    /// <summary>Packages required (positive term) but not decided yet, in first-seen order.</summary>
    public IEnumerable<(SolverPackage Package, VersionSet Allowed)> Undecided()
    {
        foreach (var package in _seen)
        {
            if (_decisions.ContainsKey(package)) continue;
            var term = TermFor(package);
            if (term is { Positive: true } t) yield return (package, t.Set);
        }
    }
}
