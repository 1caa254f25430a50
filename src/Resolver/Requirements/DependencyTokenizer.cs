using System.Text.RegularExpressions;

namespace LlmPython.Resolver.Requirements;

/// <summary>Token kinds of the PEP 508 grammar, as packaging's tokenizer names them.</summary>
internal enum TokenKind
{
    LeftParenthesis,
    RightParenthesis,
    LeftBracket,
    RightBracket,
    Semicolon,
    Comma,
    QuotedString,
    Op,
    BoolOp,
    In,
    Not,
    Variable,
    Specifier,
    At,
    Url,
    Identifier,
    VersionPrefixTrail,
    VersionLocalLabelTrail,
    Whitespace,
    End,
}

/// <summary>
/// Context-sensitive scanner: the parser asks "is the next token of kind K?" at the current
/// position, because which token applies depends on where the parser is (a URL and a name overlap).
/// </summary>
internal sealed partial class DependencyTokenizer
{
    // Source-generated (not RegexOptions.Compiled): compiled at build time and precompiled with the task assembly, so a
    // build process does not spend its first restore emitting and JIT-compiling twenty matchers.
    private static readonly Dictionary<TokenKind, Regex> Rules = new()
    {
        [TokenKind.LeftParenthesis] = LeftParenthesisRule(),
        [TokenKind.RightParenthesis] = RightParenthesisRule(),
        [TokenKind.LeftBracket] = LeftBracketRule(),
        [TokenKind.RightBracket] = RightBracketRule(),
        [TokenKind.Semicolon] = SemicolonRule(),
        [TokenKind.Comma] = CommaRule(),
        [TokenKind.QuotedString] = QuotedStringRule(),
        [TokenKind.Op] = OpRule(),
        [TokenKind.BoolOp] = BoolOpRule(),
        [TokenKind.In] = InRule(),
        [TokenKind.Not] = NotRule(),
        [TokenKind.Variable] = VariableRule(),
        [TokenKind.Specifier] = SpecifierRule(),
        [TokenKind.At] = AtRule(),
        [TokenKind.Url] = UrlRule(),
        [TokenKind.Identifier] = IdentifierRule(),
        [TokenKind.VersionPrefixTrail] = VersionPrefixTrailRule(),
        [TokenKind.VersionLocalLabelTrail] = VersionLocalLabelTrailRule(),
        [TokenKind.Whitespace] = WhitespaceRule(),
        [TokenKind.End] = EndRule(),
    };

    [GeneratedRegex(@"\G(?:\()", RegexOptions.CultureInvariant)]
    private static partial Regex LeftParenthesisRule();

    [GeneratedRegex(@"\G(?:\))", RegexOptions.CultureInvariant)]
    private static partial Regex RightParenthesisRule();

    [GeneratedRegex(@"\G(?:\[)", RegexOptions.CultureInvariant)]
    private static partial Regex LeftBracketRule();

    [GeneratedRegex(@"\G(?:\])", RegexOptions.CultureInvariant)]
    private static partial Regex RightBracketRule();

    [GeneratedRegex(@"\G(?:;)", RegexOptions.CultureInvariant)]
    private static partial Regex SemicolonRule();

    [GeneratedRegex(@"\G(?:,)", RegexOptions.CultureInvariant)]
    private static partial Regex CommaRule();

    [GeneratedRegex(@"\G(?:(?:'[^']*')|(?:""[^""]*""))", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedStringRule();

    [GeneratedRegex(@"\G(?:===|==|~=|!=|<=|>=|<|>)", RegexOptions.CultureInvariant)]
    private static partial Regex OpRule();

    [GeneratedRegex(@"\G(?:\b(?:or|and)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex BoolOpRule();

    [GeneratedRegex(@"\G(?:\bin\b)", RegexOptions.CultureInvariant)]
    private static partial Regex InRule();

    [GeneratedRegex(@"\G(?:\bnot\b)", RegexOptions.CultureInvariant)]
    private static partial Regex NotRule();

    [GeneratedRegex(@"\G(?:" + @"\b(?:python_version|python_full_version|os[._]name|sys[._]platform|platform_(?:release|system)" +
            @"|platform[._](?:version|machine|python_implementation)|python_implementation" +
            @"|implementation_(?:name|version)|extras?|dependency_groups)\b" + ")", RegexOptions.CultureInvariant)]
    private static partial Regex VariableRule();

    [GeneratedRegex(@"\G(?:" + SpecifierTokenPattern.Clause + ")", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SpecifierRule();

    [GeneratedRegex(@"\G(?:@)", RegexOptions.CultureInvariant)]
    private static partial Regex AtRule();

    [GeneratedRegex(@"\G(?:[^ \t]+)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlRule();

    [GeneratedRegex(@"\G(?:\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b)", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierRule();

    [GeneratedRegex(@"\G(?:\.\*)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPrefixTrailRule();

    [GeneratedRegex(@"\G(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)", RegexOptions.CultureInvariant)]
    private static partial Regex VersionLocalLabelTrailRule();

    [GeneratedRegex(@"\G(?:[ \t]+)", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespaceRule();

    [GeneratedRegex(@"\G(?:\z)", RegexOptions.CultureInvariant)]
    private static partial Regex EndRule();

    private Match? _pending;

    public DependencyTokenizer(string source) { Source = source; }

    public string Source { get; }

    public int Position { get; private set; }

    /// <summary>True when the next token is <paramref name="kind"/>; unless peeking it must then be read.</summary>
    public bool Check(TokenKind kind, bool peek = false)
    {
        var match = Rules[kind].Match(Source, Position);
        if (!match.Success)
            return false;
        if (!peek)
            _pending = match;
        return true;
    }

    /// <summary>Consumes the token if it is next.</summary>
    public void Consume(TokenKind kind)
    {
        if (Check(kind))
            Read();
    }

    /// <summary>Reads the token found by the last successful <see cref="Check"/>.</summary>
    public string Read()
    {
        var match = _pending ?? throw new InvalidOperationException("No token was checked.");
        _pending = null;
        Position += match.Length;
        return match.Value;
    }

    public string Expect(TokenKind kind, string expected)
    {
        if (!Check(kind))
            throw SyntaxError($"Expected {expected}");
        return Read();
    }

    /// <summary>
    /// A <see cref="FormatException"/> shaped like packaging's ParserSyntaxError: the message, then the
    /// source and a caret line under the span, each indented by four spaces.
    /// </summary>
    public FormatException SyntaxError(string message, int? spanStart = null, int? spanEnd = null)
    {
        int start = spanStart ?? Position;
        int end = spanEnd ?? Position;
        return FormatSyntaxError(message, Source, start, end);
    }

    public static FormatException FormatSyntaxError(string message, string source, int start, int end)
    {
        string caret = new string(' ', start) + new string('~', Math.Max(0, end - start)) + "^";
        return new FormatException($"{message}\n    {source}\n    {caret}");
    }

    /// <summary>Runs <paramref name="body"/> inside optional enclosing tokens (e.g. parentheses).</summary>
    public T Enclosed<T>(TokenKind open, TokenKind close, string around, Func<T> body)
    {
        int? openPosition = null;
        if (Check(open))
        {
            openPosition = Position;
            Read();
        }
        T result = body();
        if (openPosition is null)
            return result;
        if (!Check(close))
            throw SyntaxError($"Expected matching {Describe(close)} for {Describe(open)}, after {around}", spanStart: openPosition);
        Read();
        return result;
    }

    private static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.LeftParenthesis => "LEFT_PARENTHESIS",
        TokenKind.RightParenthesis => "RIGHT_PARENTHESIS",
        TokenKind.LeftBracket => "LEFT_BRACKET",
        TokenKind.RightBracket => "RIGHT_BRACKET",
        _ => kind.ToString(),
    };
}
