namespace LlmPython.Resolver.Versioning;

// CONTRACT STUB: the Versioning helper replaces the bodies; keep these public signatures.
/// <summary>A PEP 440 specifier set such as <c>&gt;=4.37,&lt;5</c>; empty = any version.</summary>
public sealed partial class VersionSpecifierSet
{
    public static VersionSpecifierSet Empty => throw new NotImplementedException();
    /// <summary>Parses a comma-separated set; throws <see cref="FormatException"/> on bad input.</summary>
    public static VersionSpecifierSet Parse(string text) => throw new NotImplementedException();
    public static bool TryParse(string? text, out VersionSpecifierSet set) => throw new NotImplementedException();

    public bool IsEmpty => throw new NotImplementedException();
    /// <summary>True when a clause names a pre-release (then pre-releases are allowed).</summary>
    public bool NamesPrerelease => throw new NotImplementedException();

    /// <summary>
    /// Does <paramref name="version"/> satisfy every clause? <paramref name="allowPrereleases"/>:
    /// null = PEP 440 default (allowed when a clause names one), true/false force it.
    /// </summary>
    public bool Contains(Pep440Version version, bool? allowPrereleases = null) => throw new NotImplementedException();

    /// <summary>The normalized text, clauses sorted, comma-separated.</summary>
    public override string ToString() => throw new NotImplementedException();
}
