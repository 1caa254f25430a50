using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Requirements;

// CONTRACT STUB: the Requirements helper replaces the bodies; keep these public signatures.
/// <summary>A distribution's core metadata (METADATA / PKG-INFO), Metadata-Version 1.0–2.4.</summary>
public sealed partial class CoreMetadata
{
    public static CoreMetadata Parse(string text) => throw new NotImplementedException();
    public string Name => throw new NotImplementedException();
    public Pep440Version Version => throw new NotImplementedException();
    public IReadOnlyList<Requirement> RequiresDist => throw new NotImplementedException();
    public VersionSpecifierSet RequiresPython => throw new NotImplementedException();
    public IReadOnlyList<string> ProvidesExtra => throw new NotImplementedException();
}
