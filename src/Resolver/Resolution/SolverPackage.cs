using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Resolution;

/// <summary>
/// A node of the solver: the project root, a package, or a package with one extra ("name[extra]" depends on
/// "name==same version" plus the extra's requirements, so extras resolve like ordinary packages).
/// </summary>
internal sealed record SolverPackage(PackageName Name, string? Extra, bool IsRoot)
{
    public static readonly SolverPackage Root = new(new PackageName("<root>"), null, true);

    public static SolverPackage Of(PackageName name, string? extra = null) => new(name, extra, false);

    public SolverPackage Base => Extra is null ? this : Of(Name);

    public override string ToString() => IsRoot ? "the project" : Extra is null ? Name.Value : $"{Name.Value}[{Extra}]";
}
