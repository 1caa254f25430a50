using System.Text;
using System.Text.RegularExpressions;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Requirements;

/// <summary>A parsed PEP 508 environment marker (behaviour of pypa/packaging 26.x).</summary>
public sealed partial class Marker : IEquatable<Marker>
{
    // Variables whose comparisons are PEP 440 comparisons when the other side is a version.
    private static readonly HashSet<string> VersionVariables =
        ["implementation_version", "platform_release", "python_full_version", "python_version"];

    private static readonly HashSet<string> SetVariables = ["extras", "dependency_groups"];

    // A single specifier clause, as packaging's Specifier accepts it (surrounding whitespace allowed).
    [GeneratedRegex(@"\A\s*(?:" + SpecifierTokenPattern.Clause + @")\s*\z", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SingleSpecifier();

    private readonly MarkerGroup _root;
    private string? _text;

    internal Marker(MarkerGroup root) { _root = root; }

    /// <summary>Throws <see cref="FormatException"/> on bad input.</summary>
    public static Marker Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Marker(MarkerParser.ParseFull(text));
    }

    public static bool TryParse(string? text, out Marker? marker)
    {
        marker = null;
        if (text is null)
            return false;
        try
        {
            marker = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary><c>(a) and (b)</c>, printed as packaging prints <c>a &amp; b</c>.</summary>
    public static Marker And(Marker a, Marker b) => new(new MarkerGroup([a._root, b._root], [false]));

    /// <summary><c>(a) or (b)</c>, printed as packaging prints <c>a | b</c>.</summary>
    public static Marker Or(Marker a, Marker b) => new(new MarkerGroup([a._root, b._root], [true]));

    /// <summary>True when the marker mentions the <c>extra</c> variable.</summary>
    public bool ReferencesExtra => Mentions(_root, "extra");

    /// <summary>
    /// Evaluates against <paramref name="environment"/> in the metadata context; <paramref name="extras"/>
    /// are the extras being requested (the <c>extra</c> variable matches any of them; empty = "").
    /// With <paramref name="extras"/> null the environment's own <c>extra</c> (or "") is used.
    /// Throws <see cref="LlmPyException"/> on an undefined comparison or an undefined variable.
    /// </summary>
    public bool Evaluate(MarkerEnvironment environment, IReadOnlyCollection<string>? extras = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (extras is null)
            return Evaluate(environment, MarkerEvaluationContext.Metadata);
        if (extras.Count == 0)
            return Evaluate(environment.WithExtra(""), MarkerEvaluationContext.Metadata);
        bool any = false;
        foreach (var extra in extras)
            any |= Evaluate(environment.WithExtra(extra), MarkerEvaluationContext.Metadata);
        return any;
    }

    /// <summary>Evaluates with the defaults of <paramref name="context"/> (see <see cref="MarkerEvaluationContext"/>).</summary>
    public bool Evaluate(MarkerEnvironment environment, MarkerEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return EvaluateGroup(_root, new Scope(environment, context, this));
    }

    /// <summary>Normalized text, as packaging's str(Marker).</summary>
    public override string ToString() => _text ??= Format(_root, first: true);

    public bool Equals(Marker? other) => other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is Marker m && Equals(m);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
    public static bool operator ==(Marker? a, Marker? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Marker? a, Marker? b) => !(a == b);

    private static bool Mentions(MarkerNode node, string variable) => node switch
    {
        MarkerComparison c => (c.Left.IsVariable && c.Left.Text == variable) || (c.Right.IsVariable && c.Right.Text == variable),
        MarkerGroup g => g.Items.Any(i => Mentions(i, variable)),
        _ => false,
    };

    // A group of one item prints as that item; nested groups print in parentheses.
    private static string Format(MarkerNode node, bool first)
    {
        switch (node)
        {
            case MarkerGroup { Items.Count: 1 } single:
                return Format(single.Items[0], first: true);
            case MarkerGroup group:
            {
                var sb = new StringBuilder();
                if (!first) sb.Append('(');
                for (int i = 0; i < group.Items.Count; i++)
                {
                    if (i > 0) sb.Append(group.JoinsAreOr[i - 1] ? " or " : " and ");
                    sb.Append(Format(group.Items[i], first: false));
                }
                if (!first) sb.Append(')');
                return sb.ToString();
            }
            case MarkerComparison c:
                return c.Left.Serialize() + " " + c.Op + " " + c.Right.Serialize();
            default:
                throw new InvalidOperationException("Unknown marker node.");
        }
    }

    // 'and' binds tighter than 'or': any(all(run) for runs split at 'or'). Every comparison is
    // evaluated (no short-circuit), so an undefined comparison fails wherever it stands.
    private static bool EvaluateGroup(MarkerGroup group, Scope scope)
    {
        bool anyRun = false;
        bool run = true;
        for (int i = 0; i < group.Items.Count; i++)
        {
            if (i > 0 && group.JoinsAreOr[i - 1])
            {
                anyRun |= run;
                run = true;
            }
            bool value = group.Items[i] switch
            {
                MarkerGroup g => EvaluateGroup(g, scope),
                MarkerComparison c => EvaluateComparison(c, scope),
                _ => throw new InvalidOperationException("Unknown marker node."),
            };
            run &= value;
        }
        return anyRun | run;
    }

    // The variable side is looked up; when the left side is a value, the right side's text is
    // the variable name even if it was written as a quoted value (as packaging does).
    private static bool EvaluateComparison(MarkerComparison c, Scope scope)
    {
        string key;
        object lhs, rhs;
        if (c.Left.IsVariable)
        {
            key = c.Left.Text;
            lhs = scope.Lookup(key);
            rhs = c.Right.Text;
        }
        else
        {
            lhs = c.Left.Text;
            key = c.Right.Text;
            rhs = scope.Lookup(key);
        }

        if (lhs is not string left)
            throw scope.Undefined($"'{key}' is a set and can only be the right-hand side of 'in' or 'not in'");

        if (SetVariables.Contains(key))
        {
            left = PackageName.Normalize(left);
            rhs = rhs is string s
                ? PackageName.Normalize(s)
                : new HashSet<string>(((IReadOnlySet<string>)rhs).Select(PackageName.Normalize), StringComparer.Ordinal);
        }
        return Compare(left, c.Op, rhs, key, scope);
    }

    private static bool Compare(string lhs, string op, object rhs, string key, Scope scope)
    {
        if (rhs is string version && VersionVariables.Contains(key) && TryCompareVersions(lhs, op, version, out bool result))
            return result;

        return op switch
        {
            "in" => rhs is string s ? s.Contains(lhs, StringComparison.Ordinal) : ((IReadOnlySet<string>)rhs).Contains(lhs),
            "not in" => rhs is string s ? !s.Contains(lhs, StringComparison.Ordinal) : !((IReadOnlySet<string>)rhs).Contains(lhs),
            // Strings are not ordered (packaging 22+): < and > never hold, <= and >= mean equality.
            "<" or ">" => false,
            "<=" or "==" or ">=" => rhs is string s && string.Equals(lhs, s, StringComparison.Ordinal),
            "!=" => rhs is not string s || !string.Equals(lhs, s, StringComparison.Ordinal),
            _ => throw scope.Undefined($"'{op}' is undefined between '{lhs}' and {Describe(rhs)} (not both PEP 440 versions)"),
        };
    }

    /// <summary>PEP 440 comparison when "op + rhs" is a valid specifier; false = compare as strings.</summary>
    private static bool TryCompareVersions(string lhs, string op, string rhs, out bool result)
    {
        result = false;
        if (op is "in" or "not in" || rhs.Contains(',') || !SingleSpecifier().IsMatch(op + rhs))
            return false;
        if (op == "===")
        {
            // Arbitrary equality: case-insensitive string match of the text as given.
            result = string.Equals(lhs.ToLowerInvariant(), rhs.Trim().ToLowerInvariant(), StringComparison.Ordinal);
            return true;
        }
        if (!VersionSpecifierSet.TryParse(op + rhs, out var specifier))
            return false;
        result = Pep440Version.TryParse(lhs, out var version) && specifier.Contains(version, allowPrereleases: true);
        return true;
    }

    // Error messages must not fail themselves: a value holding both quote kinds has no text form.
    private string SafeText()
    {
        try
        {
            return ToString();
        }
        catch (InvalidOperationException)
        {
            return "(marker with an unprintable value)";
        }
    }

    private static string Describe(object value) =>
        value is string s ? $"'{s}'" : "{" + string.Join(", ", ((IReadOnlySet<string>)value).Order(StringComparer.Ordinal)) + "}";

    /// <summary>The environment as seen by one evaluation, with the context's defaults.</summary>
    private sealed class Scope(MarkerEnvironment environment, MarkerEvaluationContext context, Marker marker)
    {
        public object Lookup(string key)
        {
            if (environment.Sets.TryGetValue(key, out var set))
                return set;
            if (environment.Values.TryGetValue(key, out var value))
            {
                if (key == "extra")
                    return string.IsNullOrEmpty(value) ? "" : PackageName.Normalize(value);
                // Untagged CPython builds report e.g. "3.11.1+", which is not PEP 440.
                if (key == "python_full_version" && value is not null && value.EndsWith('+'))
                    return value + "local";
                return value ?? "";
            }
            if (key == "extra" && context == MarkerEvaluationContext.Metadata)
                return "";
            if (context == MarkerEvaluationContext.LockFile && SetVariables.Contains(key))
                return new HashSet<string>(StringComparer.Ordinal);
            throw new LlmPyException(
                DiagnosticCodes.Standards.UndefinedMarkerVariable,
                $"The marker '{marker.SafeText()}' uses '{key}', which the target environment does not define. " +
                "Check the marker's variable names, or give the environment a value for it.");
        }

        public LlmPyException Undefined(string cause) => new(
            DiagnosticCodes.Standards.UndefinedMarkerComparison,
            $"The marker '{marker.SafeText()}' cannot be evaluated: {cause}. Fix or remove the marker.");
    }
}
