namespace LlmPython.Resolver.Requirements;

// CONTRACT STUB: the Requirements helper replaces the bodies; keep these public signatures.
/// <summary>A PEP 503 normalized project name ("Foo_Bar.baz" → "foo-bar-baz").</summary>
public readonly partial struct PackageName : IEquatable<PackageName>, IComparable<PackageName>
{
    public PackageName(string normalized) { Value = normalized; }
    public string Value { get; }
    /// <summary>Normalizes a valid name; throws <see cref="FormatException"/> on an invalid one.</summary>
    public static PackageName Parse(string name) => throw new NotImplementedException();
    public static string Normalize(string name) => throw new NotImplementedException();
    public static bool IsValid(string name) => throw new NotImplementedException();
    public bool Equals(PackageName other) => string.Equals(Value, other.Value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is PackageName n && Equals(n);
    public override int GetHashCode() => Value?.GetHashCode() ?? 0;
    public int CompareTo(PackageName other) => string.CompareOrdinal(Value, other.Value);
    public override string ToString() => Value;
    public static bool operator ==(PackageName a, PackageName b) => a.Equals(b);
    public static bool operator !=(PackageName a, PackageName b) => !a.Equals(b);
}
