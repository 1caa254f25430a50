using System.Numerics;

namespace LlmPython.Resolver.Resolution;

/// <summary>
/// A set of candidate indexes of one package (its versions sorted newest first). Exact for any PEP 440
/// version (local labels, pre-releases) because membership is decided per listed version, never by range math.
/// </summary>
internal sealed class VersionSet : IEquatable<VersionSet>
{
    private readonly ulong[] _bits;

    private VersionSet(int universe, ulong[] bits) { Universe = universe; _bits = bits; }

    /// <summary>How many candidates the package has.</summary>
    public int Universe { get; }

    public static VersionSet Empty(int universe) => new(universe, new ulong[Words(universe)]);

    public static VersionSet Full(int universe) => Empty(universe).Complement();

    public static VersionSet Single(int universe, int index)
    {
        var set = Empty(universe);
        set._bits[index >> 6] |= 1UL << (index & 63);
        return set;
    }

    public static VersionSet Where(int universe, Func<int, bool> predicate)
    {
        var set = Empty(universe);
        for (var i = 0; i < universe; i++)
            if (predicate(i)) set._bits[i >> 6] |= 1UL << (i & 63);
        return set;
    }

    public bool IsEmpty => _bits.All(w => w == 0);

    public bool IsFull => Count == Universe;

    public int Count => _bits.Sum(w => BitOperations.PopCount(w));

    public bool Contains(int index) => (_bits[index >> 6] & (1UL << (index & 63))) != 0;

    /// <summary>The lowest index (= newest version) in the set, or -1.</summary>
    public int First()
    {
        for (var w = 0; w < _bits.Length; w++)
            if (_bits[w] != 0) return (w << 6) + BitOperations.TrailingZeroCount(_bits[w]);
        return -1;
    }

    public IEnumerable<int> Indexes()
    {
        for (var i = 0; i < Universe; i++)
            if (Contains(i)) yield return i;
    }

    public VersionSet Intersect(VersionSet other) => Combine(other, (a, b) => a & b);

    public VersionSet Union(VersionSet other) => Combine(other, (a, b) => a | b);

    public VersionSet Minus(VersionSet other) => Combine(other, (a, b) => a & ~b);

    public VersionSet Complement()
    {
        var bits = new ulong[_bits.Length];
        for (var w = 0; w < bits.Length; w++) bits[w] = ~_bits[w];
        var tail = Universe & 63;
        if (tail != 0 && bits.Length > 0) bits[^1] &= (1UL << tail) - 1;
        return new VersionSet(Universe, bits);
    }

    public bool IsSubsetOf(VersionSet other)
    {
        for (var w = 0; w < _bits.Length; w++)
            if ((_bits[w] & ~other._bits[w]) != 0) return false;
        return true;
    }

    public bool Overlaps(VersionSet other)
    {
        for (var w = 0; w < _bits.Length; w++)
            if ((_bits[w] & other._bits[w]) != 0) return true;
        return false;
    }

    public bool Equals(VersionSet? other) => other is not null && Universe == other.Universe && _bits.AsSpan().SequenceEqual(other._bits);

    public override bool Equals(object? obj) => obj is VersionSet s && Equals(s);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var w in _bits) hash.Add(w);
        return hash.ToHashCode();
    }

    private VersionSet Combine(VersionSet other, Func<ulong, ulong, ulong> op)
    {
        if (other.Universe != Universe) throw new InvalidOperationException("Version sets of different packages.");
        var bits = new ulong[_bits.Length];
        for (var w = 0; w < bits.Length; w++) bits[w] = op(_bits[w], other._bits[w]);
        return new VersionSet(Universe, bits);
    }

    private static int Words(int universe) => (universe + 63) >> 6;
}
