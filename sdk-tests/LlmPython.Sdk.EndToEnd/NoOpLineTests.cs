using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// A second <c>dotnet build</c> says, at the default verbosity, that the Python environment is up to date, next to
/// NuGet's "All projects are up-to-date for restore." (the terminal logger shows both only at -v:detailed, by its design).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NoOpLineTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    private const string UpToDate = "Python environment is up to date for NoOp";

    [Fact]
    public void SecondBuild_PrintsTheUpToDateLineOnce_AtDefaultVerbosity()
    {
        var project = TestProject.ConsoleApp(_sdk, "NoOp", AppProjectXml.QuickStart()).WithQuickStartWheels();

        var first = project.Build().ShouldSucceed();
        Assert.DoesNotContain(UpToDate, first.Output, StringComparison.Ordinal);

        var second = project.Build().ShouldSucceed();
        var lines = second.StdOut.Split('\n').Where(l => l.Contains(UpToDate, StringComparison.Ordinal)).ToList();
        Assert.Equal("Python environment is up to date for NoOp", Assert.Single(lines).Trim()[..UpToDate.Length]);
        Assert.Contains("(2 packages).", lines[0], StringComparison.Ordinal);

        // The terminal logger (dotnet build's default in a terminal) shows high-importance messages at -v:detailed only.
        var terminal = project.Build("-tl:on", "-v:detailed").ShouldSucceed();
        Assert.Contains(UpToDate, terminal.Output, StringComparison.Ordinal);
    }
}
