namespace LlmPython.Resolver.Requirements;

/// <summary>Recursive-descent parser of PEP 508 marker expressions (shared with requirement parsing).</summary>
internal static class MarkerParser
{
    public static MarkerGroup ParseFull(string source)
    {
        var tokenizer = new DependencyTokenizer(source);
        var marker = ParseMarker(tokenizer);
        tokenizer.Expect(TokenKind.End, "end of marker expression");
        return marker;
    }

    /// <summary>marker = atom (BOOLOP atom)*; extra values are normalized (PEP 685).</summary>
    public static MarkerGroup ParseMarker(DependencyTokenizer tokenizer)
    {
        var items = new List<MarkerNode> { ParseAtom(tokenizer) };
        var joins = new List<bool>();
        while (tokenizer.Check(TokenKind.BoolOp))
        {
            joins.Add(tokenizer.Read() == "or");
            items.Add(ParseAtom(tokenizer));
        }
        return new MarkerGroup(items, joins);
    }

    private static MarkerNode ParseAtom(DependencyTokenizer tokenizer)
    {
        tokenizer.Consume(TokenKind.Whitespace);
        MarkerNode node;
        if (tokenizer.Check(TokenKind.LeftParenthesis, peek: true))
        {
            node = tokenizer.Enclosed(TokenKind.LeftParenthesis, TokenKind.RightParenthesis, "marker expression", () =>
            {
                tokenizer.Consume(TokenKind.Whitespace);
                MarkerNode inner = ParseMarker(tokenizer);
                tokenizer.Consume(TokenKind.Whitespace);
                return inner;
            });
        }
        else
        {
            node = ParseComparison(tokenizer);
        }
        tokenizer.Consume(TokenKind.Whitespace);
        return node;
    }

    private static MarkerComparison ParseComparison(DependencyTokenizer tokenizer)
    {
        tokenizer.Consume(TokenKind.Whitespace);
        var left = ParseOperand(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        var op = ParseOperator(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        var right = ParseOperand(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);

        // PEP 685: a value compared with 'extra' (or tested against 'extras'/'dependency_groups')
        // is a name and is normalized.
        if (left.IsVariable && IsNameVariable(left.Text) && !right.IsVariable)
            right = MarkerOperand.Value(PackageName.Normalize(right.Text));
        else if (right.IsVariable && IsNameVariable(right.Text) && !left.IsVariable)
            left = MarkerOperand.Value(PackageName.Normalize(left.Text));
        return new MarkerComparison(left, op, right);
    }

    private static bool IsNameVariable(string variable) =>
        variable is "extra" or "extras" or "dependency_groups";

    private static MarkerOperand ParseOperand(DependencyTokenizer tokenizer)
    {
        if (tokenizer.Check(TokenKind.Variable))
            return MarkerOperand.Variable(CanonicalVariable(tokenizer.Read()));
        if (tokenizer.Check(TokenKind.QuotedString))
        {
            int start = tokenizer.Position;
            string quoted = tokenizer.Read();
            string? value = PythonStringLiteral.TryDecode(quoted);
            if (value is null)
                throw DependencyTokenizer.FormatSyntaxError("Invalid quoted string", tokenizer.Source, start, start + quoted.Length);
            return MarkerOperand.Value(value);
        }
        throw tokenizer.SyntaxError("Expected a marker variable or quoted string");
    }

    /// <summary>PEP 345 dotted names become underscored; setuptools' python_implementation is an alias.</summary>
    private static string CanonicalVariable(string written)
    {
        string name = written.Replace('.', '_');
        return name == "python_implementation" ? "platform_python_implementation" : name;
    }

    private static string ParseOperator(DependencyTokenizer tokenizer)
    {
        if (tokenizer.Check(TokenKind.In))
        {
            tokenizer.Read();
            return "in";
        }
        if (tokenizer.Check(TokenKind.Not))
        {
            tokenizer.Read();
            tokenizer.Expect(TokenKind.Whitespace, "whitespace after 'not'");
            tokenizer.Expect(TokenKind.In, "'in' after 'not'");
            return "not in";
        }
        if (tokenizer.Check(TokenKind.Op))
            return tokenizer.Read();
        throw tokenizer.SyntaxError("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
    }
}
