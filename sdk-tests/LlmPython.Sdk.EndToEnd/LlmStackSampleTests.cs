using System.Diagnostics;
using LlmPython.Sdk.EndToEnd.Harness;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// samples/LlmStack as run-llmstack.sh runs it, from a copy: the generated demo index served by python -m http.server,
/// a build for a described Ampere machine (cu124), PythonGpuInfo, and the app importing the fake torch.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LlmStackSampleTests
{
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    [Fact]
    public void DemoIndex_IsTheSameBytesOnEveryRun()
    {
        var root = TestProject.Create(_sdk, "LlmStackIdx");
        string first = MakeDemoIndex(root.PathOf("one"));
        string second = MakeDemoIndex(root.PathOf("two"));

        var files = Directory.EnumerateFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(Path.Combine("whl", "cu124", "torch-2.4.0+cu124-py3-none-any.whl"), files);
        Assert.Contains(Path.Combine("simple", "transformers", "index.html"), files);
        Assert.Equal(files, Directory.EnumerateFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order(StringComparer.Ordinal));
        foreach (string file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
    }

    [Fact]
    public void DescribedAmpereMachine_BuildsCu124_AndTheAppImportsTorch()
    {
        var root = TestProject.Create(_sdk, "LlmStackSample");
        string sample = SampleCopy.Copy(root.Directory, "LlmStack", _sdk.Version);
        string index = MakeDemoIndex(root.PathOf("demo-index"));
        root.Environment["LLMPYTHON_CACHE"] = root.PathOf("cache");
        using var server = PythonHttpServer.Serve(index);
        string project = Path.Combine(sample, "LlmStack.csproj");
        string[] properties =
        [
            $"-p:PythonIndexUrl={server.BaseUrl}/simple", $"-p:PyTorchIndexUrl={server.BaseUrl}/whl",
            "-p:PythonTargetCudaDriver=550.54.14", "-p:PythonTargetComputeCapability=8.6",
        ];

        var build = DotnetCli.Run(sample, root.Environment, ["build", project, "-v:n", .. properties]).ShouldSucceed();
        Assert.Contains("PyTorch backend: cu124 (", build.Output, StringComparison.Ordinal);
        var info = DotnetCli.Run(sample, root.Environment, ["build", project, "-t:PythonGpuInfo", .. properties]).ShouldSucceed();
        Assert.Contains("cu124: chosen (driver 550.54.14 >= 525.60.13; torch 2.4.0 cu124 wheels run on sm_86)", info.Output, StringComparison.Ordinal);
        var run = DotnetCli.Run(sample, root.Environment, "run", "--project", project, "--no-build").ShouldSucceed();

        Assert.Contains("torch 2.4.0+cu124 (CUDA 12.4)", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("torchvision 0.19.0+cu124", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("transformers 4.44.0 / accelerate 0.33.0", run.StdOut, StringComparison.Ordinal);
        // accelerate's torch>=2.0 is answered by the PyTorch index, never by /simple/.
        var torch = LockFileView.Single(Path.Combine(sample, "python.lock.json"), "torch");
        Assert.Equal($"{server.BaseUrl}/whl/cu124/torch-2.4.0%2Bcu124-py3-none-any.whl", torch.Url);
    }

    private static string MakeDemoIndex(string output)
    {
        var startInfo = new ProcessStartInfo(PythonHttpServer.PythonCommand)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(RepoPaths.Root, "samples", "LlmStack", "make_demo_index.py"));
        startInfo.ArgumentList.Add(output);
        using var process = Process.Start(startInfo)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "make_demo_index.py failed: " + stderr);
        return output;
    }
}
