namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>What a finished command printed and returned.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StdOut, string StdErr)
{
    public string Output => StdOut + StdErr;

    /// <summary>Fails the test with the whole output when the command failed.</summary>
    public CommandResult ShouldSucceed()
    {
        Assert.True(ExitCode == 0, $"'{CommandLine}' exited with {ExitCode}:\n{Output}");
        return this;
    }

    public CommandResult ShouldFail()
    {
        Assert.True(ExitCode != 0, $"'{CommandLine}' was expected to fail but succeeded:\n{Output}");
        return this;
    }
}
