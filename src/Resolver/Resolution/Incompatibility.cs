using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Resolution;

/// <summary>Why an incompatibility holds: a fact about the index/target, or derived from two others.</summary>
internal enum IncompatibilityKind
{
    /// <summary>{not root}: the project must be installed.</summary>
    Root,
    /// <summary>{p ∈ P, not d ∈ S}: versions P of p depend on d in S.</summary>
    Dependency,
    /// <summary>{p ∈ P}: p depends on a project no version of which matches (or which does not exist).</summary>
    DependencyWithoutMatch,
    /// <summary>{p ∈ U}: these versions do not accept the target Python.</summary>
    RequiresPython,
    /// <summary>{p ∈ U}: these versions have no wheel for the target (and no usable sdist).</summary>
    NoCompatibleWheel,
    /// <summary>{p ∈ U}: a constraint excludes these versions.</summary>
    Constraint,
    /// <summary>Learned by conflict resolution from <see cref="Incompatibility.Left"/> and <see cref="Incompatibility.Right"/>.</summary>
    Derived,
}

/// <summary>A set of terms that must not all be true at once.</summary>
internal sealed class Incompatibility
{
    public Incompatibility(IReadOnlyList<(SolverPackage Package, Term Term)> terms, IncompatibilityKind kind)
    {
        Terms = terms;
        Kind = kind;
    }

    public IReadOnlyList<(SolverPackage Package, Term Term)> Terms { get; }
    public IncompatibilityKind Kind { get; }

    public Incompatibility? Left { get; init; }
    public Incompatibility? Right { get; init; }

    /// <summary>The requirement behind a dependency (or constraint) incompatibility.</summary>
    public Requirement? Requirement { get; init; }

    /// <summary>The depended-on package of a dependency without match.</summary>
    public SolverPackage? Dependee { get; init; }

    /// <summary>True when the dependee of a dependency without match does not exist at all.</summary>
    public bool DependeeUnknown { get; init; }

    /// <summary>Free text for the explanation (versions seen and why each was rejected, the Python range, …).</summary>
    public string? Detail { get; init; }

    public Term? TermFor(SolverPackage package)
    {
        foreach (var (p, t) in Terms)
            if (p == package) return t;
        return null;
    }

    /// <summary>Nothing can be done: empty, or only "the project is selected".</summary>
    public bool IsTerminal => Terms.Count == 0 || (Terms.Count == 1 && Terms[0].Package.IsRoot && Terms[0].Term.Positive);

    /// <summary>
    /// The resolution rule: from this incompatibility and the cause of the satisfier of <paramref name="package"/>,
    /// the incompatibility that holds without mentioning <paramref name="package"/> beyond their union.
    /// </summary>
    public static Incompatibility PriorCause(Incompatibility incompat, Incompatibility cause, SolverPackage package)
    {
        var terms = new List<(SolverPackage Package, Term Term)>();
        void Merge(SolverPackage p, Term t)
        {
            for (var i = 0; i < terms.Count; i++)
            {
                if (terms[i].Package != p) continue;
                terms[i] = (p, terms[i].Term.Intersect(t));
                return;
            }
            terms.Add((p, t));
        }
        foreach (var (p, t) in incompat.Terms) if (p != package) Merge(p, t);
        foreach (var (p, t) in cause.Terms) if (p != package) Merge(p, t);
        var pivot = incompat.TermFor(package)!.Value.Union(cause.TermFor(package)!.Value);
        if (!pivot.IsAny) terms.Add((package, pivot));
        return new Incompatibility(terms, IncompatibilityKind.Derived) { Left = incompat, Right = cause };
    }
}
