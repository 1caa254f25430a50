namespace LlmPython.Resolver.Versioning;

/// <summary>
/// An item to match against specifiers: either a raw version string (as read from an index, maybe not
/// PEP 440) or an already parsed version. The raw text matters only for <c>===</c>, which compares
/// strings case-insensitively; for a parsed version it uses the normalized form (as packaging does).
/// </summary>
public readonly struct VersionCandidate
{
    private VersionCandidate(string text, Pep440Version? version, bool isParsedInput)
    {
        Text = text;
        Version = version;
        IsParsedInput = isParsedInput;
    }

    /// <summary>The string <c>===</c> compares against.</summary>
    public string Text { get; }
    /// <summary>The parsed version, or null when the text is not PEP 440.</summary>
    public Pep440Version? Version { get; }
    /// <summary>True when built from a <see cref="Pep440Version"/> rather than a string.</summary>
    public bool IsParsedInput { get; }

    public static VersionCandidate FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Pep440Version.TryParse(text, out var v);
        return new VersionCandidate(text, v, false);
    }

    public static VersionCandidate FromVersion(Pep440Version version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new VersionCandidate(version.ToString(), version, true);
    }

    public static implicit operator VersionCandidate(string text) => FromString(text);
    public static implicit operator VersionCandidate(Pep440Version version) => FromVersion(version);

    public override string ToString() => Text;
}
