namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>The real samples/QuickStart, copied into a test folder, with a cache of the test's own.</summary>
public static class QuickStartSample
{
    /// <summary>Copies the sample under <paramref name="root"/>; commands run with <paramref name="root"/>'s environment use a cache inside it.</summary>
    public static string CopyTo(TestProject root)
    {
        root.Environment["LLMPYTHON_CACHE"] = root.PathOf("cache");
        return SampleCopy.Copy(root.Directory, "QuickStart", PackedSdk.Instance.Version);
    }

    public static string ProjectFile(string sample) => Path.Combine(sample, "QuickStart.csproj");

    /// <summary>Runs bin/Debug/net10.0/QuickStart.dll as <c>dotnet QuickStart.dll</c>; optionally with only dotnet's folder on PATH.</summary>
    public static CommandResult RunBuilt(string sample, IReadOnlyDictionary<string, string> environment, bool withoutPythonOnPath = false)
        => RunApp(Path.Combine(sample, "bin", "Debug", "net10.0"), environment, withoutPythonOnPath);

    public static CommandResult RunApp(string appDirectory, IReadOnlyDictionary<string, string> environment, bool withoutPythonOnPath = false)
    {
        var variables = new Dictionary<string, string>(environment);
        if (withoutPythonOnPath)
        {
            // dotnet's own folder (not /usr/bin, where a dotnet symlink sits next to python3).
            var dotnet = new FileInfo(Path.GetFullPath(DotnetCli.Executable));
            variables["PATH"] = Path.GetDirectoryName(dotnet.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet.FullName)!;
        }
        return DotnetCli.Run(appDirectory, variables, Path.Combine(appDirectory, "QuickStart.dll"));
    }

    /// <summary>The keys of a venv's pyvenv.cfg.</summary>
    public static Dictionary<string, string> ReadPyvenvCfg(string venv) => File.ReadAllLines(Path.Combine(venv, "pyvenv.cfg"))
        .Where(l => l.Contains('='))
        .ToDictionary(l => l[..l.IndexOf('=')].Trim(), l => l[(l.IndexOf('=') + 1)..].Trim());
}
