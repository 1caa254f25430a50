namespace LlmPython.Resolver.Requirements;

// CONTRACT STUB: the Requirements helper replaces the bodies; keep these public signatures.
/// <summary>A parsed PEP 508 environment marker.</summary>
public sealed partial class Marker
{
    /// <summary>Throws <see cref="FormatException"/> on bad input.</summary>
    public static Marker Parse(string text) => throw new NotImplementedException();
    /// <summary>
    /// Evaluates against <paramref name="environment"/>; <paramref name="extras"/> are the extras
    /// being requested (the <c>extra</c> variable matches any of them; empty = "").
    /// </summary>
    public bool Evaluate(MarkerEnvironment environment, IReadOnlyCollection<string>? extras = null) => throw new NotImplementedException();
    /// <summary>Normalized text, as packaging's str(Marker).</summary>
    public override string ToString() => throw new NotImplementedException();
}
