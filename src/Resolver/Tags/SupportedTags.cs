namespace LlmPython.Resolver.Tags;

// CONTRACT STUB: the Tags helper replaces the bodies; keep these public signatures.
/// <summary>The ordered tags a target interpreter accepts, most preferred first.</summary>
public sealed partial class SupportedTags
{
    public SupportedTags(IReadOnlyList<WheelTag> ordered) { Ordered = ordered; }
    public IReadOnlyList<WheelTag> Ordered { get; }
    /// <summary>Rank of the best tag of a wheel (0 = most preferred), or null when none is supported.</summary>
    public int? Rank(IEnumerable<WheelTag> wheelTags) => throw new NotImplementedException();
}
