namespace LlmPython.Resolver.Requirements;

/// <summary>The parts of a PEP 508 requirement as written, before specifier parsing.</summary>
internal sealed record ParsedRequirement(
    string Name,
    string? Url,
    IReadOnlyList<string> Extras,
    IReadOnlyList<string> SpecifierClauses,
    MarkerGroup? Marker);

/// <summary>Recursive-descent parser of PEP 508 dependency specifiers (packaging's grammar).</summary>
internal static class RequirementParser
{
    /// <summary>requirement = WS? IDENTIFIER WS? extras WS? details END</summary>
    public static ParsedRequirement Parse(string source)
    {
        var tokenizer = new DependencyTokenizer(source);
        tokenizer.Consume(TokenKind.Whitespace);
        string name = tokenizer.Expect(TokenKind.Identifier, "package name at the start of dependency specifier");
        tokenizer.Consume(TokenKind.Whitespace);
        var extras = ParseExtras(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        var (url, clauses, marker) = ParseDetails(tokenizer);
        tokenizer.Expect(TokenKind.End, "end of dependency specifier");
        return new ParsedRequirement(name, url, extras, clauses, marker);
    }

    /// <summary>details = AT URL (WS marker?)? | specifier WS? marker?</summary>
    private static (string? Url, IReadOnlyList<string> Clauses, MarkerGroup? Marker) ParseDetails(DependencyTokenizer tokenizer)
    {
        if (tokenizer.Check(TokenKind.At))
        {
            tokenizer.Read();
            tokenizer.Consume(TokenKind.Whitespace);
            int urlStart = tokenizer.Position;
            string url = tokenizer.Expect(TokenKind.Url, "URL after @");
            if (tokenizer.Check(TokenKind.End, peek: true))
                return (url, [], null);
            tokenizer.Expect(TokenKind.Whitespace, "whitespace after URL");
            if (tokenizer.Check(TokenKind.End, peek: true))
                return (url, [], null);
            var urlMarker = ParseMarkerPart(tokenizer, urlStart, "semicolon (after URL and whitespace)");
            return (url, [], urlMarker);
        }

        int specifierStart = tokenizer.Position;
        var clauses = ParseSpecifier(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        if (tokenizer.Check(TokenKind.End, peek: true))
            return (null, clauses, null);
        var marker = ParseMarkerPart(tokenizer, specifierStart, clauses.Count > 0
            ? "comma (within version specifier), semicolon (after version specifier)"
            : "semicolon (after name with no version specifier)");
        return (null, clauses, marker);
    }

    private static MarkerGroup ParseMarkerPart(DependencyTokenizer tokenizer, int spanStart, string expected)
    {
        if (!tokenizer.Check(TokenKind.Semicolon))
            throw tokenizer.SyntaxError($"Expected {expected} or end", spanStart: spanStart);
        tokenizer.Read();
        var marker = MarkerParser.ParseMarker(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        return marker;
    }

    private static IReadOnlyList<string> ParseExtras(DependencyTokenizer tokenizer)
    {
        if (!tokenizer.Check(TokenKind.LeftBracket, peek: true))
            return [];
        return tokenizer.Enclosed(TokenKind.LeftBracket, TokenKind.RightBracket, "extras", () =>
        {
            tokenizer.Consume(TokenKind.Whitespace);
            var extras = ParseExtrasList(tokenizer);
            tokenizer.Consume(TokenKind.Whitespace);
            return extras;
        });
    }

    private static List<string> ParseExtrasList(DependencyTokenizer tokenizer)
    {
        var extras = new List<string>();
        if (!tokenizer.Check(TokenKind.Identifier))
            return extras;
        extras.Add(tokenizer.Read());
        while (true)
        {
            tokenizer.Consume(TokenKind.Whitespace);
            if (tokenizer.Check(TokenKind.Identifier, peek: true))
                throw tokenizer.SyntaxError("Expected comma between extra names");
            if (!tokenizer.Check(TokenKind.Comma))
                break;
            tokenizer.Read();
            tokenizer.Consume(TokenKind.Whitespace);
            extras.Add(tokenizer.Expect(TokenKind.Identifier, "extra name after comma"));
        }
        return extras;
    }

    /// <summary>specifier = '(' WS? clauses WS? ')' | WS? clauses WS?</summary>
    private static IReadOnlyList<string> ParseSpecifier(DependencyTokenizer tokenizer) =>
        tokenizer.Enclosed(TokenKind.LeftParenthesis, TokenKind.RightParenthesis, "version specifier", () =>
        {
            tokenizer.Consume(TokenKind.Whitespace);
            var clauses = ParseClauses(tokenizer);
            tokenizer.Consume(TokenKind.Whitespace);
            return clauses;
        });

    private static List<string> ParseClauses(DependencyTokenizer tokenizer)
    {
        var clauses = new List<string>();
        while (tokenizer.Check(TokenKind.Specifier))
        {
            int spanStart = tokenizer.Position;
            string clause = tokenizer.Read();
            clauses.Add(clause);
            if (tokenizer.Check(TokenKind.VersionPrefixTrail, peek: true))
            {
                string message = clause.TrimStart().StartsWith("==", StringComparison.Ordinal) || clause.TrimStart().StartsWith("!=", StringComparison.Ordinal)
                    ? ".* suffix cannot be used with pre-release, post-release, dev or local versions"
                    : ".* suffix can only be used with `==` or `!=` operators";
                throw tokenizer.SyntaxError(message, spanStart, tokenizer.Position + 1);
            }
            if (tokenizer.Check(TokenKind.VersionLocalLabelTrail, peek: true))
                throw tokenizer.SyntaxError("Local version label can only be used with `==` or `!=` operators", spanStart, tokenizer.Position);
            tokenizer.Consume(TokenKind.Whitespace);
            if (!tokenizer.Check(TokenKind.Comma))
                break;
            tokenizer.Read();
            tokenizer.Consume(TokenKind.Whitespace);
        }
        return clauses;
    }
}
