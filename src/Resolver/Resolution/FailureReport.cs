using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Resolution;

/// <summary>
/// Turns the terminal incompatibility of a failed resolution into a PubGrub-style explanation: one sentence
/// per derivation step ("Because A and B, C."), steps referenced by number when reused.
/// </summary>
internal sealed class FailureReport
{
    private const int MaxLines = 40;
    private readonly IReadOnlyDictionary<PackageName, PackageVersions> _versions;
    private readonly CandidateRules _rules;
    private readonly List<string> _lines = [];
    private readonly Dictionary<Incompatibility, int> _numbered = new(ReferenceEqualityComparer.Instance);

    public FailureReport(IReadOnlyDictionary<PackageName, PackageVersions> versions, CandidateRules rules)
    {
        _versions = versions;
        _rules = rules;
    }

    public ResolutionException ToException(Incompatibility root)
    {
        var leaves = new List<Incompatibility>();
        var directPivots = new SortedSet<string>(StringComparer.Ordinal);
        var pivots = new SortedSet<string>(StringComparer.Ordinal);
        var involved = new SortedSet<string>(StringComparer.Ordinal);
        Walk(root, leaves, directPivots, pivots, involved, new HashSet<Incompatibility>(ReferenceEqualityComparer.Instance));

        var noMatch = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var leaf in leaves)
        {
            if (leaf.Kind == IncompatibilityKind.DependencyWithoutMatch) noMatch.Add(leaf.Dependee!.Name.Value);
            else if (leaf.Kind is IncompatibilityKind.RequiresPython or IncompatibilityKind.NoCompatibleWheel or IncompatibilityKind.Constraint)
                noMatch.Add(leaf.Terms[0].Package.Name.Value);
        }
        var conflicting = noMatch.Count > 0 ? noMatch : directPivots.Count > 0 ? directPivots : pivots;
        var unknown = leaves.Where(l => l.Kind == IncompatibilityKind.DependencyWithoutMatch && l.DependeeUnknown)
            .Select(l => l.Dependee!.Name.Value).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();

        if (root.Kind == IncompatibilityKind.Derived) Emit(root);
        else _lines.Add(Capitalize(External(root)) + ".");
        var lines = _lines.Count > MaxLines
            ? [$"({_lines.Count - MaxLines} earlier steps omitted)", .. _lines.Skip(_lines.Count - MaxLines)]
            : _lines;

        string code, headline;
        if (unknown.Count > 0)
        {
            code = DiagnosticCodes.Resolution.UnknownPackage;
            headline = $"Package {Quote(unknown)} was not found on the package index. Check the name (and the PythonIndex/Index routing) and build again.";
        }
        else if (noMatch.Count > 0)
        {
            code = DiagnosticCodes.Resolution.NoMatchingVersion;
            headline = $"No usable version of {Quote(noMatch)} satisfies the requirements. Relax the version range, change PythonVersion, or allow what was rejected (see below).";
        }
        else
        {
            code = DiagnosticCodes.Resolution.Conflict;
            headline = $"The Python requirements conflict on {Quote(conflicting)}. Change the versions of the packages named below so that they agree.";
        }
        var message = headline + Environment.NewLine + string.Join(Environment.NewLine, lines.Select(l => "  " + l));
        return new ResolutionException(code, message, lines, conflicting.ToList(), involved.ToList())
        {
            PackageName = conflicting.FirstOrDefault(),
        };
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private static void Walk(Incompatibility incompat, List<Incompatibility> leaves, SortedSet<string> directPivots,
        SortedSet<string> pivots, SortedSet<string> involved, HashSet<Incompatibility> visited)
    {
        if (!visited.Add(incompat)) return;
        foreach (var (package, _) in incompat.Terms)
            if (!package.IsRoot) involved.Add(package.Name.Value);
        if (incompat.Dependee is { } dependee) involved.Add(dependee.Name.Value);
        if (incompat.Kind != IncompatibilityKind.Derived)
        {
            leaves.Add(incompat);
            return;
        }
        var left = incompat.Left!;
        var right = incompat.Right!;
        // The package both causes name and the result no longer mentions is where they clash; a clash of
        // two dependencies of packages (not of the project) is the most direct one.
        var direct = left.Kind == IncompatibilityKind.Dependency && right.Kind == IncompatibilityKind.Dependency
            && !left.Terms[0].Package.IsRoot && !right.Terms[0].Package.IsRoot;
        foreach (var (package, _) in left.Terms)
            if (!package.IsRoot && right.TermFor(package) is not null && incompat.TermFor(package) is null)
                (direct ? directPivots : pivots).Add(package.Name.Value);
        Walk(left, leaves, directPivots, pivots, involved, visited);
        Walk(right, leaves, directPivots, pivots, involved, visited);
    }

    private void Emit(Incompatibility incompat)
    {
        var left = incompat.Left!;
        var right = incompat.Right!;
        foreach (var cause in new[] { left, right })
            if (cause.Kind == IncompatibilityKind.Derived && !_numbered.ContainsKey(cause)) Emit(cause);
        var line = $"Because {Reference(left)} and {Reference(right)}, {Describe(incompat)}.";
        _lines.Add(line);
        _numbered[incompat] = _lines.Count;
        _lines[^1] = $"({_lines.Count}) {line}";
    }

    private string Reference(Incompatibility incompat) => incompat.Kind == IncompatibilityKind.Derived
        ? $"{Describe(incompat)} ({_numbered[incompat]})"
        : External(incompat);

    private string External(Incompatibility incompat)
    {
        switch (incompat.Kind)
        {
            case IncompatibilityKind.Root:
                return "the project must be installed";
            case IncompatibilityKind.Dependency:
            {
                var (from, fromTerm) = incompat.Terms[0];
                var (to, toTerm) = incompat.Terms[1];
                var target = incompat.Requirement is { } r ? CandidateRules.Display(r) : SetText(to, toTerm.Set);
                return $"{Subject(from, fromTerm.Set)} depends on {target}{CouplingNote(from, fromTerm.Set, incompat.Requirement)}";
            }
            case IncompatibilityKind.DependencyWithoutMatch:
            {
                var (from, fromTerm) = incompat.Terms[0];
                return $"{Subject(from, fromTerm.Set)} depends on {CandidateRules.Display(incompat.Requirement!)} ({incompat.Detail})";
            }
            case IncompatibilityKind.Constraint:
            {
                var (package, term) = incompat.Terms[0];
                return $"the constraint {CandidateRules.Display(incompat.Requirement!)} excludes {SetText(package, term.Set)}";
            }
            default:
            {
                var (package, term) = incompat.Terms[0];
                return $"{SetText(package, term.Set)} {incompat.Detail}";
            }
        }
    }

    private string Describe(Incompatibility incompat)
    {
        var terms = incompat.Terms.Where(t => !(t.Package.IsRoot && t.Term.Positive)).ToList();
        var fromRoot = terms.Count < incompat.Terms.Count;
        if (terms.Count == 0) return "the requirements of the project cannot be satisfied";
        var positive = terms.Where(t => t.Term.Positive).OrderBy(t => t.Package.ToString(), StringComparer.Ordinal).ToList();
        var negative = terms.Where(t => !t.Term.Positive).OrderBy(t => t.Package.ToString(), StringComparer.Ordinal).ToList();
        if (positive.Count == 0 && negative.Count == 1)
            return $"{(fromRoot ? "the project needs " : "")}{SetText(negative[0].Package, negative[0].Term.Set)}{(fromRoot ? "" : " is required")}";
        if (positive.Count == 1 && negative.Count == 0)
            return $"{SetText(positive[0].Package, positive[0].Term.Set)} cannot be installed";
        if (positive.Count == 1 && negative.Count == 1)
            return $"{SetText(positive[0].Package, positive[0].Term.Set)} depends on {SetText(negative[0].Package, negative[0].Term.Set)}";
        if (negative.Count == 0)
            return $"{string.Join(" and ", positive.Select(t => SetText(t.Package, t.Term.Set)))} cannot {(positive.Count == 2 ? "both" : "all")} be installed";
        return $"{string.Join(" and ", positive.Select(t => SetText(t.Package, t.Term.Set)))} {(positive.Count == 1 ? "depends" : "depend")} on "
            + string.Join(" or ", negative.Select(t => SetText(t.Package, t.Term.Set)));
    }

    /// <summary>Why a version depends on torch when the dependency is its build-variant wheels' torch, not its metadata.</summary>
    private string CouplingNote(SolverPackage from, VersionSet set, Requirement? requirement)
    {
        if (requirement is null || from.IsRoot || !_versions.TryGetValue(from.Name, out var versions)) return "";
        var candidate = set.Indexes().Select(i => versions.Candidates[i]).FirstOrDefault(c => c.TorchCoupling == requirement);
        if (candidate is null) return "";
        var rejected = candidate.RejectedFiles.Count > 0 ? $"; ruled out: {CandidateRules.RejectionText(candidate)}" : "";
        return $" ({candidate.TorchCouplingDetail}{rejected})";
    }

    private string Subject(SolverPackage package, VersionSet set) => package.IsRoot ? "the project" : SetText(package, set);

    private string SetText(SolverPackage package, VersionSet set) => package.IsRoot
        ? "the project"
        : _versions.TryGetValue(package.Name, out var versions) ? versions.Describe(package.ToString(), set) : package.ToString();

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
