using System.Text.Json;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Tests.Requirements;

/// <summary>PEP 508 markers against every group of markers.json.</summary>
public class MarkerVectorTests
{
    private static readonly JsonElement File = PackagingVectors.Markers;
    private static readonly string[] Valid = File.GetProperty("valid").Strings("markers");
    private static readonly JsonElement[] Invalid = PackagingVectors.Rows(File, "invalid");
    private static readonly JsonElement[] StrNormalization = PackagingVectors.Rows(File, "str_normalization");
    private static readonly JsonElement[] QuoteSerialization = PackagingVectors.Rows(File, "value_quote_serialization");
    private static readonly JsonElement[] Different = PackagingVectors.Rows(File, "different_markers");
    private static readonly JsonElement[] Evaluations = PackagingVectors.Rows(File, "evaluate");
    private static readonly JsonElement[] EvaluationErrors = PackagingVectors.Rows(File, "evaluate_errors");

    public static TheoryData<int, string> ValidRows
    {
        get
        {
            var data = new TheoryData<int, string>();
            for (int i = 0; i < Valid.Length; i++) data.Add(i, Valid[i]);
            return data;
        }
    }

    public static TheoryData<int, string> InvalidRows => PackagingVectors.Indexed(Invalid, r => r.GetProperty("marker").GetString()!);
    public static TheoryData<int, string> StrRows => PackagingVectors.Indexed(StrNormalization, r => r.GetProperty("input").GetString()!);
    public static TheoryData<int, string> QuoteRows => PackagingVectors.Indexed(QuoteSerialization, r => r.GetProperty("value").GetString()!);
    public static TheoryData<int, string> DifferentRows => PackagingVectors.Indexed(Different, r => r.GetProperty("a").GetString() + " | " + r.GetProperty("b").GetString());
    public static TheoryData<int, string> EvaluateRows => PackagingVectors.Indexed(Evaluations, r => r.GetProperty("marker").GetString() + " @ " + r.GetProperty("environment").GetRawText());
    public static TheoryData<int, string> EvaluateErrorRows => PackagingVectors.Indexed(EvaluationErrors, r => r.GetProperty("marker").GetString()!);

    [Theory]
    [MemberData(nameof(ValidRows), DisableDiscoveryEnumeration = true)]
    public void Valid_marker_parses_and_its_text_reparses_to_an_equal_marker(int index, string text)
    {
        var marker = Marker.Parse(Valid[index]);
        Assert.Equal(marker, Marker.Parse(marker.ToString()));
        Assert.Equal(marker.ToString(), Marker.Parse(marker.ToString()).ToString());
        _ = text;
    }

    [Theory]
    [MemberData(nameof(InvalidRows))]
    public void Invalid_marker_is_rejected(int index, string text)
    {
        var error = Assert.Throws<FormatException>(() => Marker.Parse(text));
        Assert.False(Marker.TryParse(text, out _));
        // Where upstream pins the message, ours has the same lines (after packaging's class-name prefix).
        string? expected = Invalid[index].OptionalString("error_message");
        if (expected is not null)
            Assert.Equal(expected["packaging.markers.InvalidMarker: ".Length..], error.Message);
    }

    [Theory]
    [MemberData(nameof(StrRows))]
    public void Str_normalization(int index, string input)
    {
        string expected = StrNormalization[index].GetProperty("str").GetString()!;
        var marker = Marker.Parse(input);
        Assert.Equal(expected, marker.ToString());
        var reparsed = Marker.Parse(expected);
        Assert.Equal(marker, reparsed);
        Assert.Equal(marker.GetHashCode(), reparsed.GetHashCode());
    }

    [Fact]
    public void And_combines_as_packaging_ampersand()
    {
        // str_normalization rows with note "also == Marker(a) & Marker(b)" / "& Marker(c)".
        var a = Marker.Parse("python_version >= \"3.6\"");
        var b = Marker.Parse("os_name == \"posix\"");
        var c = Marker.Parse("platform_system == \"Linux\"");
        Assert.Equal(Marker.Parse("python_version >= \"3.6\" and os_name == \"posix\""), Marker.And(a, b));
        var abc = Marker.And(Marker.And(a, b), c);
        Assert.Equal("(python_version >= \"3.6\" and os_name == \"posix\") and platform_system == \"Linux\"", abc.ToString());
        Assert.Equal(Marker.Parse("(python_version >= \"3.6\" and os_name == \"posix\") and platform_system == \"Linux\""), abc);
        Assert.Equal("python_version >= \"3.6\" or os_name == \"posix\"", Marker.Or(a, b).ToString());
    }

    [Theory]
    [MemberData(nameof(QuoteRows))]
    public void Value_quote_serialization(int index, string value)
    {
        string expected = QuoteSerialization[index].GetProperty("serialized").GetString()!;
        Assert.Equal(expected, MarkerOperand.Value(value).Serialize());
    }

    [Fact]
    public void Value_with_both_quote_kinds_cannot_be_serialized()
    {
        Assert.Throws<InvalidOperationException>(() => MarkerOperand.Value("a\"b'").Serialize());
        // Reachable through an escape in a quoted string.
        var marker = Marker.Parse("os_name == \"a\\x22b'\"");
        Assert.Throws<InvalidOperationException>(() => marker.ToString());
    }

    [Theory]
    [MemberData(nameof(DifferentRows))]
    public void Different_markers_are_unequal(int index, string label)
    {
        var a = Marker.Parse(Different[index].GetProperty("a").GetString()!);
        var b = Marker.Parse(Different[index].GetProperty("b").GetString()!);
        Assert.NotEqual(a, b);
        Assert.True(a != b);
        Assert.NotEqual(a.GetHashCode(), b.GetHashCode());
        _ = label;
    }

    /// <summary>
    /// Keys a row does not give come from this fixed environment (upstream takes them from the
    /// running interpreter): CPython 3.11.7 on Linux x86_64.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> DefaultEnvironment = new Dictionary<string, string>
    {
        ["implementation_name"] = "cpython",
        ["implementation_version"] = "3.11.7",
        ["os_name"] = "posix",
        ["platform_machine"] = "x86_64",
        ["platform_release"] = "6.8.0-45-generic",
        ["platform_system"] = "Linux",
        ["platform_version"] = "#45-Ubuntu SMP PREEMPT_DYNAMIC",
        ["python_full_version"] = "3.11.7",
        ["platform_python_implementation"] = "CPython",
        ["python_version"] = "3.11",
        ["sys_platform"] = "linux",
    };

    /// <summary>The default environment overlaid with the row's keys; a null value means "not given" (extra = "").</summary>
    private static MarkerEnvironment EnvironmentOf(JsonElement row)
    {
        var values = new Dictionary<string, string>(DefaultEnvironment);
        var sets = new Dictionary<string, IReadOnlySet<string>>();
        var environment = row.GetProperty("environment");
        if (environment.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in environment.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Array:
                        sets[property.Name] = property.Value.EnumerateArray().Select(e => e.GetString()!).ToHashSet();
                        break;
                    case JsonValueKind.Null:
                        values[property.Name] = "";
                        break;
                    default:
                        values[property.Name] = property.Value.GetString()!;
                        break;
                }
            }
        }
        return new MarkerEnvironment(values, sets);
    }

    private static MarkerEvaluationContext ContextOf(string? context) => context switch
    {
        null or "metadata" => MarkerEvaluationContext.Metadata,
        "requirement" => MarkerEvaluationContext.Requirement,
        "lock_file" => MarkerEvaluationContext.LockFile,
        _ => throw new ArgumentException("unknown context " + context),
    };

    [Theory]
    [MemberData(nameof(EvaluateRows))]
    public void Evaluate(int index, string label)
    {
        var row = Evaluations[index];
        var marker = Marker.Parse(row.GetProperty("marker").GetString()!);
        bool expected = row.GetProperty("expected").GetBoolean();
        Assert.Equal(expected, marker.Evaluate(EnvironmentOf(row), ContextOf(row.OptionalString("context"))));
        _ = label;
    }

    [Theory]
    [MemberData(nameof(EvaluateErrorRows))]
    public void Evaluate_errors(int index, string text)
    {
        var row = EvaluationErrors[index];
        var marker = Marker.Parse(text);
        string raises = row.GetProperty("raises").GetString()!;
        string expectedCode = raises == "UndefinedComparison"
            ? DiagnosticCodes.Standards.UndefinedMarkerComparison
            : DiagnosticCodes.Standards.UndefinedMarkerVariable; // UndefinedEnvironmentName / KeyError
        string? context = row.OptionalString("context");
        // "metadata (default) or requirement": both contexts must raise.
        var contexts = context is null || context.StartsWith("metadata", StringComparison.Ordinal)
            ? new[] { MarkerEvaluationContext.Metadata, MarkerEvaluationContext.Requirement }
            : new[] { ContextOf(context) };
        foreach (var c in contexts)
        {
            var error = Assert.Throws<LlmPyException>(() => marker.Evaluate(EnvironmentOf(row), c));
            Assert.Equal(expectedCode, error.Code);
            Assert.Contains(marker.ToString(), error.Message);
        }
    }
}

/// <summary>The generator lists of markers.json (variables, pep345_variables, setuptools_variables, operators).</summary>
public class MarkerVariableListTests
{
    public static TheoryData<string, string> VariableRows
    {
        get
        {
            var data = new TheoryData<string, string>();
            var file = PackagingVectors.Markers;
            foreach (var list in new[] { "variables", "pep345_variables", "setuptools_variables" })
                foreach (var variable in file.GetProperty(list).EnumerateArray())
                    data.Add(list, variable.GetString()!);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(VariableRows))]
    public void Every_listed_variable_parses_with_every_operator_and_prints_its_canonical_name(string list, string variable)
    {
        // Dotted PEP 345 names print underscored; setuptools' python_implementation is an alias.
        string canonical = variable.Replace('.', '_');
        if (canonical == "python_implementation")
            canonical = "platform_python_implementation";
        foreach (var op in PackagingVectors.Markers.GetProperty("operators").EnumerateArray().Select(o => o.GetString()!))
        {
            var marker = Marker.Parse($"{variable} {op} 'dog'");
            Assert.Equal($"{canonical} {op} \"dog\"", marker.ToString());
        }
        _ = list;
    }
}
