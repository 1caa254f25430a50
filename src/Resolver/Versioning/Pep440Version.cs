namespace LlmPython.Resolver.Versioning;

// CONTRACT STUB: the Versioning helper replaces the bodies; keep these public signatures.
/// <summary>A PEP 440 version: epoch, release, pre/post/dev, local label.</summary>
public sealed partial class Pep440Version : IComparable<Pep440Version>, IEquatable<Pep440Version>
{
    public static Pep440Version Parse(string text) => throw new NotImplementedException();
    public static bool TryParse(string? text, out Pep440Version version) => throw new NotImplementedException();

    public int Epoch => throw new NotImplementedException();
    public IReadOnlyList<System.Numerics.BigInteger> Release => throw new NotImplementedException();
    public bool IsPrerelease => throw new NotImplementedException();
    public bool IsPostrelease => throw new NotImplementedException();
    public bool IsDevrelease => throw new NotImplementedException();
    /// <summary>The local label, normalized ("cu118"), or null.</summary>
    public string? Local => throw new NotImplementedException();
    /// <summary>This version without its local label.</summary>
    public Pep440Version Public => throw new NotImplementedException();

    public int CompareTo(Pep440Version? other) => throw new NotImplementedException();
    public bool Equals(Pep440Version? other) => throw new NotImplementedException();
    public override bool Equals(object? obj) => obj is Pep440Version v && Equals(v);
    public override int GetHashCode() => throw new NotImplementedException();
    /// <summary>The normalized form.</summary>
    public override string ToString() => throw new NotImplementedException();

    public static bool operator <(Pep440Version a, Pep440Version b) => a.CompareTo(b) < 0;
    public static bool operator >(Pep440Version a, Pep440Version b) => a.CompareTo(b) > 0;
    public static bool operator <=(Pep440Version a, Pep440Version b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Pep440Version a, Pep440Version b) => a.CompareTo(b) >= 0;
    public static bool operator ==(Pep440Version? a, Pep440Version? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Pep440Version? a, Pep440Version? b) => !(a == b);
}
