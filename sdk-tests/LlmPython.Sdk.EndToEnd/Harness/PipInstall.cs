namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>
/// What pip makes of wheel files: a fresh <c>python3 -m venv --without-pip</c> of <see cref="PipDryRun.Interpreter"/>
/// (the interpreter the compared builds use), then <c>pip --python &lt;venv&gt; install --no-deps --no-index --no-compile</c>
/// of the files, isolated from any pip configuration. <c>--no-compile</c> because the SDK writes no .pyc by default.
/// </summary>
public static class PipInstall
{
    /// <summary>Creates <paramref name="environmentDirectory"/>; returns pip's result and the files the bare venv already had.</summary>
    public static (CommandResult Pip, InstalledTree Skeleton) Run(string environmentDirectory, IEnumerable<string> wheels)
    {
        var (venvExit, _, venvErr) = PipDryRun.Exec(PipDryRun.Interpreter, ["-m", "venv", "--without-pip", environmentDirectory]);
        Assert.True(venvExit == 0, "python -m venv failed: " + venvErr);
        var skeleton = InstalledTree.Read(environmentDirectory);
        string[] arguments =
        [
            "-m", "pip", "--python", VenvPython.ExecutableIn(environmentDirectory), "install", "--isolated", "--no-deps", "--no-index",
            "--no-compile", "--disable-pip-version-check", "--no-input", .. wheels,
        ];
        var (exitCode, stdout, stderr) = PipDryRun.Exec(PythonHttpServer.PythonCommand, arguments);
        return (new CommandResult($"pip {string.Join(' ', arguments)}", exitCode, stdout, stderr), skeleton);
    }
}
