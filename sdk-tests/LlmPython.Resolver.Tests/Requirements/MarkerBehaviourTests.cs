using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Requirements;

namespace LlmPython.Resolver.Tests.Requirements;

/// <summary>Marker API beyond the vectors: several extras, contexts, environments, quoted-string escapes.</summary>
public class MarkerBehaviourTests
{
    private static readonly MarkerEnvironment Linux = MarkerEnvironment.ForCPython("3.11.7", "linux", "x86_64");

    [Fact]
    public void Extra_matches_any_requested_extra_and_none_means_empty()
    {
        var marker = Marker.Parse("extra == 'Socks' and python_version >= '3.8'");
        Assert.True(marker.ReferencesExtra);
        Assert.True(marker.Evaluate(Linux, ["security", "SOCKS"]));
        Assert.False(marker.Evaluate(Linux, ["security"]));
        Assert.False(marker.Evaluate(Linux, []));
        Assert.False(marker.Evaluate(Linux));
        Assert.True(marker.Evaluate(Linux.WithExtra("socks")));
        Assert.False(Marker.Parse("os_name == 'posix'").ReferencesExtra);
    }

    [Fact]
    public void And_binds_tighter_than_or_and_parentheses_group()
    {
        var env = Linux;
        Assert.True(Marker.Parse("os_name == 'nt' and python_version < '3' or sys_platform == 'linux'").Evaluate(env));
        Assert.False(Marker.Parse("os_name == 'nt' and (python_version < '3' or sys_platform == 'linux')").Evaluate(env));
    }

    [Theory]
    [InlineData("python_version >= '3.8'", true)]
    [InlineData("python_version < '3.11'", false)]
    [InlineData("python_full_version == '3.11.*'", true)]
    [InlineData("python_version > '3.9'", true)]
    [InlineData("python_version === '3.11'", true)]
    [InlineData("python_version == 'not-a-version'", false)]
    [InlineData("platform_machine in 'x86_64 AMD64'", true)]
    [InlineData("'arm' not in platform_machine", true)]
    [InlineData("platform_release >= ''", true)]
    [InlineData("implementation_name == 'cpython' and platform_python_implementation == 'CPython'", true)]
    public void Evaluates_against_a_cpython_target(string text, bool expected) =>
        Assert.Equal(expected, Marker.Parse(text).Evaluate(Linux));

    [Fact]
    public void Requirement_context_has_no_default_extra()
    {
        var marker = Marker.Parse("extra == 'a'");
        var error = Assert.Throws<LlmPyException>(() => marker.Evaluate(Linux, MarkerEvaluationContext.Requirement));
        Assert.Equal(DiagnosticCodes.Standards.UndefinedMarkerVariable, error.Code);
        Assert.Contains("extra", error.Message);
    }

    [Fact]
    public void Lock_file_context_reads_extras_and_groups_as_sets()
    {
        var env = Linux.WithSet("extras", ["Socks"]).WithSet("dependency_groups", ["dev"]);
        Assert.True(Marker.Parse("'socks' in extras and 'dev' in dependency_groups").Evaluate(env, MarkerEvaluationContext.LockFile));
        Assert.False(Marker.Parse("'docs' in dependency_groups").Evaluate(env, MarkerEvaluationContext.LockFile));
        Assert.False(Marker.Parse("'x' in extras").Evaluate(Linux, MarkerEvaluationContext.LockFile));
    }

    [Fact]
    public void Cpython_target_environment_is_complete()
    {
        Assert.Empty(Linux.MissingStandardVariables());
        Assert.Equal("3.11", Linux["python_version"]);
        Assert.Equal("Linux", Linux["platform_system"]);
        var windows = MarkerEnvironment.ForCPython("3.12.0rc1", "win32", "AMD64");
        Assert.Equal("nt", windows["os_name"]);
        Assert.Equal("Windows", windows["platform_system"]);
        Assert.Equal("3.12", windows["python_version"]);
        Assert.NotEmpty(new MarkerEnvironment(new Dictionary<string, string>()).MissingStandardVariables());
    }

    [Theory]
    [InlineData(@"os_name == 'a\tb'", "a\tb")]
    [InlineData(@"os_name == 'a\x41'", "aA")]
    [InlineData(@"os_name == '\u00e9\101'", "éA")]
    [InlineData(@"os_name == 'C:\d'", @"C:\d")]
    [InlineData(@"os_name == 'q\""'", "q\"")]
    public void Quoted_values_decode_python_escapes(string text, string value) =>
        Assert.True(Marker.Parse(text).Evaluate(Linux.With("os_name", value)));

    [Theory]
    [InlineData(@"os_name == '\x4'")]
    [InlineData(@"os_name == '\N{LATIN SMALL LETTER A}'")]
    [InlineData("os_name == 'a\nb'")]
    [InlineData("os_name == 'a\0'")]
    [InlineData(@"os_name == '\U00110000'")]
    public void Invalid_python_strings_are_rejected(string text)
    {
        var error = Assert.Throws<FormatException>(() => Marker.Parse(text));
        Assert.StartsWith("Invalid quoted string", error.Message);
    }

    [Fact]
    public void Undefined_comparison_names_the_marker_and_code()
    {
        var error = Assert.Throws<LlmPyException>(() => Marker.Parse("os_name ~= 'posix'").Evaluate(Linux));
        Assert.Equal(DiagnosticCodes.Standards.UndefinedMarkerComparison, error.Code);
        Assert.Contains("os_name ~= \"posix\"", error.Message);
    }
}
