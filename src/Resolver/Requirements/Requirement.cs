using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Requirements;

// CONTRACT STUB: the Requirements helper replaces the bodies; keep these public signatures.
/// <summary>A PEP 508 dependency specification: name[extras] specifier-or-url ; marker.</summary>
public sealed partial class Requirement
{
    /// <summary>Throws <see cref="FormatException"/> on bad input.</summary>
    public static Requirement Parse(string text) => throw new NotImplementedException();
    /// <summary>The name as written.</summary>
    public string Name => throw new NotImplementedException();
    public PackageName NormalizedName => throw new NotImplementedException();
    /// <summary>Extras, normalized and sorted.</summary>
    public IReadOnlyList<string> Extras => throw new NotImplementedException();
    public VersionSpecifierSet Specifier => throw new NotImplementedException();
    public string? Url => throw new NotImplementedException();
    public Marker? Marker => throw new NotImplementedException();
    public override string ToString() => throw new NotImplementedException();
}
