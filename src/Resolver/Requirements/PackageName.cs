using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Requirements;

/// <summary>A PEP 503 normalized project name ("Foo_Bar.baz" → "foo-bar-baz").</summary>
public readonly partial struct PackageName : IEquatable<PackageName>, IComparable<PackageName>
{
    // Core metadata "Name" rule; IgnoreCase as packaging compiles it (\z: a trailing newline is not allowed).
    // Source-generated matchers (here and in DependencyTokenizer, Marker): a build process pays nothing to create them.
    [GeneratedRegex(@"\A([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();

    [GeneratedRegex(@"[-_.]+", RegexOptions.CultureInvariant)]
    private static partial Regex SeparatorRun();

    // Already-normalized form: lower case, single dashes, no separator at either end.
    [GeneratedRegex(@"\A([a-z0-9]|[a-z0-9]((?!--)[a-z0-9-])*[a-z0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex NormalizedForm();

    public PackageName(string normalized) { Value = normalized; }

    public string Value { get; }

    /// <summary>Normalizes a valid name; throws <see cref="FormatException"/> on an invalid one.</summary>
    public static PackageName Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValid(name))
            throw new FormatException($"'{name}' is not a valid package name: use ASCII letters, digits, '.', '_' and '-', starting and ending with a letter or digit.");
        return new PackageName(Normalize(name));
    }

    /// <summary>Parses <paramref name="name"/> when it is valid.</summary>
    public static bool TryParse(string? name, out PackageName result)
    {
        if (name is not null && IsValid(name))
        {
            result = new PackageName(Normalize(name));
            return true;
        }
        result = default;
        return false;
    }

    /// <summary>PEP 503 normalization without validation (packaging's canonicalize_name).</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SeparatorRun().Replace(name, "-").ToLowerInvariant();
    }

    public static bool IsValid(string name) => name is not null && ValidName().IsMatch(name);

    /// <summary>True when <paramref name="name"/> is already in normalized form (packaging's is_normalized_name).</summary>
    public static bool IsNormalized(string name) => name is not null && NormalizedForm().IsMatch(name);

    public bool Equals(PackageName other) => string.Equals(Value, other.Value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is PackageName n && Equals(n);
    public override int GetHashCode() => Value?.GetHashCode() ?? 0;
    public int CompareTo(PackageName other) => string.CompareOrdinal(Value, other.Value);
    public override string ToString() => Value;
    public static bool operator ==(PackageName a, PackageName b) => a.Equals(b);
    public static bool operator !=(PackageName a, PackageName b) => !a.Equals(b);
}
