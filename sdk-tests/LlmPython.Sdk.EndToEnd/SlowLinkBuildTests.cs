using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>A static index of one 60 MB wheel of incompressible content, written once for the class and deleted after.</summary>
public sealed class SlowLinkIndex : IDisposable
{
    public const long PayloadBytes = 60L * 1024 * 1024;
    public StaticIndexFolder Folder { get; } = new();
    public StaticWheel Wheel { get; }

    public SlowLinkIndex()
    {
        Assert.True(NginxServer.IsInstalled, "nginx is missing: apt-get install nginx-light (.ci/run does)");
        Wheel = Folder.AddPayloadWheel("slow-model", "1.0", PayloadBytes);
    }

    public void Dispose() => Folder.Dispose();
}

/// <summary>
/// Real <c>dotnet build</c>s against Debian's nginx throttled with limit_rate: a wheel whose transfer lasts several
/// PythonHttpTimeouts installs in one try with progress at the default verbosity; a build killed mid-download is
/// continued by the next with a Range request while a parallel build of another project waits for it; a 1 GB
/// wheel installs with the build's memory bounded.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SlowLinkBuildTests(SlowLinkIndex index, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<SlowLinkIndex>
{
    // 60 MB at 6 MB/s: ~10 s, three times the 3 s PythonHttpTimeout the projects set.
    private const long RatePerSecond = 6L * 1024 * 1024;
    private readonly PackedSdk _sdk = PackedSdk.Instance;

    private static string ProjectXml(string indexUrl, string cache = "$(MSBuildProjectDirectory)/cache") => AppProjectXml.With(
        $"<PythonIndexUrl>{indexUrl}</PythonIndexUrl>\n    <PythonHttpTimeout>3</PythonHttpTimeout>",
        """<PythonPackage Include="slow-model" />""", cache);

    private static CommandResult ImportsPayload(TestProject project, long size) =>
        VenvPython.Run(project.PathOf("obj/python/venv"), "-c",
            $"import os, slow_model; assert os.path.getsize(slow_model.PAYLOAD) == {size}; print('payload ok')").ShouldSucceed();

    [Fact]
    public void A_wheel_slower_than_the_read_timeout_installs_in_one_try_with_progress_and_a_summary()
    {
        using var nginx = NginxServer.Serve(index.Folder.Root, RatePerSecond);
        var project = TestProject.ConsoleApp(_sdk, "SlowLink", ProjectXml(nginx.BaseUrl + "/simple"));

        var build = project.Build().ShouldSucceed();
        output.WriteLine(build.Output);

        Assert.Single(nginx.Requests(), r => r.Path == index.Wheel.UrlPath);
        // Default verbosity: a line per 2 s for a file over 50 MB, and the summary.
        Assert.Contains($"Downloading {index.Wheel.FileName}: ", build.Output, StringComparison.Ordinal);
        Assert.Matches(@"Downloading slow_model-1\.0-py3-none-any\.whl: [\d.]+ MB of 60\.0 MB \(\d+ %\), [\d.]+ MB/s, about \d+ s left", build.Output);
        Assert.Contains("Downloaded 1 Python package file (60.0 MB)", build.Output, StringComparison.Ordinal);
        ImportsPayload(project, SlowLinkIndex.PayloadBytes);
    }

    [Fact]
    public void A_build_killed_mid_download_is_resumed_by_the_next_and_a_parallel_build_waits_for_it()
    {
        using var nginx = NginxServer.Serve(index.Folder.Root, RatePerSecond);
        var parent = Path.Combine(_sdk.ProjectsRoot, "shared-cache-" + Guid.NewGuid().ToString("N")[..8]);
        var xml = ProjectXml(nginx.BaseUrl + "/simple", cache: "$(MSBuildProjectDirectory)/../cache");
        var first = TestProject.Create(_sdk, "KilledApp", parent).WithProjectFile(xml).WithFile("Program.cs", "System.Console.WriteLine(1);\n");
        var second = TestProject.Create(_sdk, "WaitingApp", parent).WithProjectFile(xml).WithFile("Program.cs", "System.Console.WriteLine(2);\n");
        var partial = Path.Combine(parent, "cache", "staging", index.Wheel.Sha256 + ".part");

        using (var killed = first.StartBuild())
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!(File.Exists(partial) && new FileInfo(partial).Length > index.Wheel.Size / 4))
            {
                Assert.False(killed.HasExited, "the build ended before it was killed");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the download did not start");
                Thread.Sleep(50);
            }
            killed.Kill();
        }
        var kept = new FileInfo(partial).Length;
        Assert.False(File.Exists(Path.Combine(parent, "cache", "wheels", index.Wheel.Sha256 + ".complete")));

        using var resuming = first.StartBuild();
        using var waiting = second.StartBuild();
        resuming.WaitForExit(TimeSpan.FromMinutes(3)).ShouldSucceed();
        waiting.WaitForExit(TimeSpan.FromMinutes(3)).ShouldSucceed();

        var wheelRequests = nginx.Requests().Where(r => r.Path == index.Wheel.UrlPath).ToList();
        Assert.Equal(2, wheelRequests.Count);
        Assert.Equal(206, wheelRequests[1].Status);
        Assert.StartsWith("bytes=", wheelRequests[1].Range);
        Assert.True(long.Parse(wheelRequests[1].Range!["bytes=".Length..].TrimEnd('-')) >= kept - 1024 * 1024,
            $"resumed at {wheelRequests[1].Range}, {kept} bytes were staged");
        var sent = wheelRequests.Sum(r => r.BodyBytes);
        Assert.True(sent < index.Wheel.Size * 1.1, $"{sent} bytes sent for a {index.Wheel.Size}-byte wheel");
        Assert.False(File.Exists(partial));
        ImportsPayload(first, SlowLinkIndex.PayloadBytes);
        ImportsPayload(second, SlowLinkIndex.PayloadBytes);
    }

    [Fact]
    public void A_gigabyte_wheel_installs_with_the_build_s_memory_bounded()
    {
        const long payload = 1L << 30;
        using var bigIndex = new StaticIndexFolder();
        bigIndex.AddPayloadWheel("slow-model", "1.0", payload, seed: 2);
        using var nginx = NginxServer.Serve(bigIndex.Root);
        var project = TestProject.ConsoleApp(_sdk, "BigWheel", ProjectXml(nginx.BaseUrl + "/simple"));
        try
        {
            CommandResult build;
            long peak;
            using (var running = project.StartBuild())
            {
                using var memory = new ProcessTreeMemory(running.ProcessId);
                build = running.WaitForExit(TimeSpan.FromMinutes(5));
                peak = memory.PeakBytes;
            }
            build.ShouldSucceed();
            output.WriteLine($"peak RSS of the build process tree: {peak / (1024 * 1024)} MB");
            ImportsPayload(project, payload);
            Assert.True(peak < 400L * 1024 * 1024, $"peak RSS of the build was {peak / (1024 * 1024)} MB for a 1 GB wheel");
        }
        finally
        {
            // Gigabytes: the wheel, its cache copy and its unpacked form go now, not at the end of the run.
            try { Directory.Delete(project.Directory, recursive: true); } catch (IOException) { }
        }
    }
}
