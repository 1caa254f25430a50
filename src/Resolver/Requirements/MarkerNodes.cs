namespace LlmPython.Resolver.Requirements;

/// <summary>One side of a marker comparison: an environment variable or a quoted value.</summary>
internal sealed record MarkerOperand(bool IsVariable, string Text)
{
    public static MarkerOperand Variable(string name) => new(true, name);
    public static MarkerOperand Value(string value) => new(false, value);

    /// <summary>
    /// Variables print bare; values in double quotes unless they hold one (then single quotes).
    /// Values are not escaped, as packaging does not escape them.
    /// </summary>
    public string Serialize()
    {
        if (IsVariable)
            return Text;
        if (!Text.Contains('"'))
            return "\"" + Text + "\"";
        if (!Text.Contains('\''))
            return "'" + Text + "'";
        throw new InvalidOperationException($"The marker value {Text} holds both quote characters and cannot be written as a PEP 508 string.");
    }
}

/// <summary>A node of a parsed marker: a comparison or a group of nodes joined by and/or.</summary>
internal abstract class MarkerNode
{
}

/// <summary><c>lhs op rhs</c>; op is one of ===, ==, ~=, !=, &lt;=, &gt;=, &lt;, &gt;, in, not in.</summary>
internal sealed class MarkerComparison(MarkerOperand left, string op, MarkerOperand right) : MarkerNode
{
    public MarkerOperand Left { get; } = left;
    public string Op { get; } = op;
    public MarkerOperand Right { get; } = right;
}

/// <summary>
/// Items joined by and/or, kept as written (a parenthesised sub-expression is a nested group),
/// so that printing reproduces the grouping, as packaging's str(Marker) does.
/// </summary>
internal sealed class MarkerGroup : MarkerNode
{
    public MarkerGroup(IReadOnlyList<MarkerNode> items, IReadOnlyList<bool> joinsAreOr)
    {
        if (items.Count == 0 || joinsAreOr.Count != items.Count - 1)
            throw new ArgumentException("A marker group needs n items and n-1 joins.");
        Items = items;
        JoinsAreOr = joinsAreOr;
    }

    public IReadOnlyList<MarkerNode> Items { get; }

    /// <summary>JoinsAreOr[i] joins Items[i] and Items[i+1]: true = or, false = and.</summary>
    public IReadOnlyList<bool> JoinsAreOr { get; }
}
