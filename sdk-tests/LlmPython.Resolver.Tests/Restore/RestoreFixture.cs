using System.Diagnostics;
using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>A throw-away project folder, a cache, and a local index on 127.0.0.1 for engine tests.</summary>
public sealed class RestoreFixture : IDisposable
{
    public const string Python311 = "3.11";

    public RestoreFixture()
    {
        Root = Directory.CreateTempSubdirectory("llmpy-restore-").FullName;
        ProjectDir = Path.Combine(Root, "app");
        Directory.CreateDirectory(ProjectDir);
        Cache = Path.Combine(Root, "cache");
        Server = LocalIndexServer.Start();
    }

    public string Root { get; }
    public string ProjectDir { get; }
    public string Cache { get; }
    public LocalIndexServer Server { get; }
    public string LockPath => Path.Combine(ProjectDir, "python.lock.json");
    public string VenvDir => Path.Combine(ProjectDir, "obj", "python", "venv");
    public string VenvPython => Path.Combine(VenvDir, "bin", "python");

    public LocalIndexFile Publish(WheelBuilder wheel) => Server.AddFile(wheel.FileName, wheel.Build());

    /// <summary>hello-llm 0.3.0 (a console script; needs tiny-tokenizer&gt;=1,&lt;2) and tiny-tokenizer 1.0.0 and 2.0.0.</summary>
    public void PublishHelloStack()
    {
        Publish(new WheelBuilder("tiny-tokenizer", "1.0.0").AddFile("tiny_tokenizer/__init__.py", "def split(s):\n    return s.split()\n"));
        Publish(new WheelBuilder("tiny-tokenizer", "2.0.0").AddFile("tiny_tokenizer/__init__.py", "def split(s):\n    return s.split()\n"));
        var hello = new WheelBuilder("hello-llm", "0.3.0")
            .AddFile("hello_llm/__init__.py", "import tiny_tokenizer\ndef main():\n    print('tokens:', len(tiny_tokenizer.split('hello big world')))\n")
            .AddConsoleScript("hello-llm", "hello_llm:main");
        hello.RequiresDist.Add("tiny-tokenizer>=1,<2");
        Publish(hello);
    }

    /// <summary>
    /// Locks the hello stack (tiny-tokenizer 1.0.0), then publishes a newer tiny-tokenizer 1.5.0 the lock must keep out,
    /// and clears the request log. Returns the request that was locked.
    /// </summary>
    public RestoreRequest LockHelloStackThenPublishNewerTokenizer()
    {
        PublishHelloStack();
        var request = Request(new PackageItem("hello-llm"));
        Assert.True(Run(request with { LockOnly = true }).Result.Success);
        Publish(new WheelBuilder("tiny-tokenizer", "1.5.0").AddFile("tiny_tokenizer/__init__.py", "def split(s):\n    return []\n"));
        Server.ResetCounts();
        return request;
    }

    public RestoreRequest Request(params PackageItem[] packages) => new()
    {
        ProjectPath = Path.Combine(ProjectDir, "App.csproj"),
        LockFilePath = LockPath,
        EnvironmentDirectory = VenvDir,
        CacheDirectory = Cache,
        PythonVersion = Python311,
        PythonIndexUrl = Server.IndexUrl,
        PyTorchIndexUrl = Server.PyTorchIndexUrl,
        Packages = packages,
    };

    public (RestoreResult Result, RecordingRestoreLog Log) Run(RestoreRequest request, Func<RestoreRequest, LlmPython.Resolver.Accelerators.GpuInfo>? gpu = null)
    {
        var log = new RecordingRestoreLog();
        var engine = gpu is null ? new RestoreEngine(log) : new RestoreEngine(log) { DetectGpu = gpu };
        return (engine.Run(request), log);
    }

    /// <summary>Runs a program and returns (exit code, stdout + stderr).</summary>
    public static (int ExitCode, string Output) Exec(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose()
    {
        Server.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
