namespace LlmPython.Resolver.Tags;

/// <summary>The ordered tags a target interpreter accepts, most preferred first.</summary>
public sealed class SupportedTags
{
    private readonly Dictionary<WheelTag, int> _rank = new();

    public SupportedTags(IReadOnlyList<WheelTag> ordered)
    {
        Ordered = ordered;
        for (var i = 0; i < ordered.Count; i++)
            _rank.TryAdd(ordered[i], i); // a duplicate keeps its first (best) position
    }

    public IReadOnlyList<WheelTag> Ordered { get; }

    /// <summary>Rank of the best tag of a wheel (0 = most preferred), or null when none is supported.</summary>
    public int? Rank(IEnumerable<WheelTag> wheelTags)
    {
        int? best = null;
        foreach (var tag in wheelTags)
            if (_rank.TryGetValue(tag, out var r) && (best is null || r < best))
                best = r;
        return best;
    }

    /// <summary>True when the target accepts at least one of the wheel's tags.</summary>
    public bool IsCompatible(IEnumerable<WheelTag> wheelTags) => Rank(wheelTags) is not null;

    /// <summary>
    /// Things whose tags are supported, best rank first (stable for equal ranks); unsupported things are dropped.
    /// </summary>
    public IEnumerable<T> SelectCompatible<T>(IEnumerable<(T Thing, IEnumerable<WheelTag> Tags)> things) =>
        things.Select(t => (t.Thing, Rank: Rank(t.Tags)))
              .Where(t => t.Rank is not null)
              .OrderBy(t => t.Rank!.Value)
              .Select(t => t.Thing);

    /// <summary>The tags of a described target (no process is started).</summary>
    public static SupportedTags ForTarget(TagTarget target) => new(TagGenerator.SysTags(target));
}
