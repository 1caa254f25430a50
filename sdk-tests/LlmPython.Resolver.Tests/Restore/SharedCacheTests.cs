using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>Two projects restoring at the same moment through one cache: both succeed, each file is fetched once.</summary>
public class SharedCacheTests
{
    [Fact]
    public async Task Two_restores_started_together_share_the_cache_without_corrupting_it()
    {
        using var f = new RestoreFixture();
        var payload = new string('x', 512 * 1024); // big enough that the two downloads overlap
        var big = new WheelBuilder("big-model-utils", "1.0.0").AddFile("big_model_utils/__init__.py", "DATA = '" + payload + "'\n");
        var file = f.Publish(big);
        f.Server.ResponseDelay = TimeSpan.FromMilliseconds(50);

        RestoreRequest ProjectRequest(string name) => f.Request(new PackageItem("big-model-utils")) with
        {
            ProjectPath = Path.Combine(f.Root, name, $"{name}.csproj"),
            LockFilePath = Path.Combine(f.Root, name, "python.lock.json"),
            EnvironmentDirectory = Path.Combine(f.Root, name, "obj", "python", "venv"),
        };
        Directory.CreateDirectory(Path.Combine(f.Root, "a"));
        Directory.CreateDirectory(Path.Combine(f.Root, "b"));
        using var start = new ManualResetEventSlim();
        var runs = new[] { "a", "b" }.Select(name => Task.Run(() =>
        {
            start.Wait();
            return f.Run(ProjectRequest(name));
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(runs);

        foreach (var (result, log) in results) Assert.True(result.Success, log.All);
        Assert.Equal(1, f.Server.RequestCount("/" + file.UrlPath.TrimStart('/')));
        foreach (var name in new[] { "a", "b" })
        {
            var (code, output) = RestoreFixture.Exec(Path.Combine(f.Root, name, "obj", "python", "venv", "bin", "python"),
                "-c", "import big_model_utils; print(len(big_model_utils.DATA))");
            Assert.True(code == 0, output);
            Assert.Contains((512 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), output);
        }
    }
}
