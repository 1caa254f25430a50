using System.Numerics;

namespace LlmPython.Resolver.Versioning;

/// <summary>
/// One dot-separated part of a local version label. Numeric parts compare as integers and sort after
/// alphanumeric parts, which compare as lowercase strings (PEP 440).
/// </summary>
internal readonly struct LocalSegment : IComparable<LocalSegment>, IEquatable<LocalSegment>
{
    private readonly string? _text;     // lowercase, when alphanumeric
    private readonly BigInteger _number; // when numeric

    public LocalSegment(string text) { _text = text; _number = default; }
    public LocalSegment(BigInteger number) { _text = null; _number = number; }

    public bool IsNumeric => _text is null;

    public int CompareTo(LocalSegment other)
    {
        if (IsNumeric) return other.IsNumeric ? _number.CompareTo(other._number) : 1;
        if (other.IsNumeric) return -1;
        return string.CompareOrdinal(_text, other._text);
    }

    public bool Equals(LocalSegment other) => CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is LocalSegment s && Equals(s);
    public override int GetHashCode() => IsNumeric ? _number.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text!);
    public override string ToString() => _text ?? _number.ToString();
}
