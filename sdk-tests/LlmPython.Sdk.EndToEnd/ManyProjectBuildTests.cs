using LlmPython.Sdk.EndToEnd.Harness;
using LlmPython.TestSupport;

namespace LlmPython.Sdk.EndToEnd;

/// <summary>
/// A team's CI: a solution of 20 projects (three distinct requirement sets, 10 wheels) built with <c>dotnet build -m</c>
/// against nginx answering like PyPI (<c>Cache-Control: max-age=600, public</c> on pages, immutable files). Judged by
/// nginx's access log: each page asked at most once and each file fetched once from cold, nothing at all on a rebuild
/// from clean within max-age nor on a locked restore without obj/; <c>PythonRefresh=true</c> revalidates.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ManyProjectBuildTests : IDisposable
{
    private const int Projects = 20;
    private readonly PackedSdk _sdk = PackedSdk.Instance;
    private readonly string _root;
    private readonly NginxServer _index;
    private readonly IReadOnlyList<string> _pages;

    public ManyProjectBuildTests()
    {
        _root = TestProject.Create(_sdk, "ManySln").Directory;
        var site = Path.Combine(_root, "site");
        _pages = StaticSimpleIndex.Write(site, ThreeStackSolution.Wheels());
        _index = NginxServer.Start(Path.Combine(_root, "nginx"), StaticSimpleIndex.NginxLocations(site));
    }

    [Fact]
    public void Solution_of_20_asks_each_page_once_resolves_each_input_set_once_and_rebuilds_without_a_request()
    {
        var projects = ThreeStackSolution.WriteSolution(_root, Projects, _sdk.Version, _index.BaseUrl + "/simple");

        var cold = Build("All.slnx", "-m", "-v:n");
        var pages = PageRequests();
        Assert.All(pages.GroupBy(r => r.Path), g => Assert.True(g.Count() == 1, $"{g.Key} was asked {g.Count()} times"));
        Assert.Equal(_pages.Order(), pages.Select(r => r.Path).Distinct().Order());
        var files = FileRequests();
        Assert.All(files.GroupBy(r => r.Path), g => Assert.True(g.Count() == 1, $"{g.Key} was fetched {g.Count()} times"));
        Assert.Equal(10, files.Count(r => r.Path.EndsWith(".whl", StringComparison.Ordinal)));
        Assert.Equal(3, Count(cold.Output, "Resolving 1 Python packages"));
        Assert.Equal(Projects - 3, Count(cold.Output, "Python packages) shared with"));

        // Every project's lock equals the one its requirement set gets alone (own cache, PythonLock).
        var alone = ThreeStackSolution.WriteSolution(Path.Combine(_root, "alone"), 3, _sdk.Version, _index.BaseUrl + "/simple");
        File.Copy(Path.Combine(_root, "NuGet.config"), Path.Combine(_root, "alone", "NuGet.config"));
        DotnetCli.Run(Path.Combine(_root, "alone"), null, "msbuild", "All.slnx", "-t:PythonLock", "-nologo").ShouldSucceed();
        for (var i = 0; i < 3; i++)
        {
            var expected = File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(alone[i])!, "python.lock.json"));
            for (var p = i; p < Projects; p += 3)
                Assert.Equal(expected, File.ReadAllBytes(LockOf(projects[p])));
        }

        // From clean (no obj/, no lock; the cache kept) within max-age: not one request.
        foreach (var project in projects) { DeleteObj(project); File.Delete(LockOf(project)); }
        var requestsBefore = _index.Requests().Count;
        var clean = Build("All.slnx", "-m", "-v:n");
        Assert.Equal(requestsBefore, _index.Requests().Count);
        Assert.Equal(0, Count(clean.Output, "Resolving 1 Python packages"));
        foreach (var project in projects.Take(3))
            VenvPython.PipCheck(Path.Combine(Path.GetDirectoryName(project)!, "obj", "python", "venv")).ShouldSucceed();

        // Locked (CI), warm cache, no obj/: not one request either.
        DeleteObj(projects[2]);
        Build(projects[2], "-p:PythonRestoreLockedMode=true");
        Assert.Equal(requestsBefore, _index.Requests().Count);

        // PythonRefresh: the project's pages are revalidated once (304), nothing else is asked.
        DeleteObj(projects[1]);
        File.Delete(LockOf(projects[1]));
        Build(projects[1], "-p:PythonRefresh=true");
        var refreshed = _index.Requests().Skip(requestsBefore).ToList();
        var betaPages = ThreeStackSolution.Expected["beta-core"].Keys.Select(n => $"/simple/{n}/").Order().ToList();
        Assert.Equal(betaPages, refreshed.Select(r => r.Path).Order());
        Assert.All(refreshed, r => Assert.Equal(304, r.Status));
    }

    private CommandResult Build(string target, params string[] arguments) =>
        DotnetCli.Run(_root, null, TimeSpan.FromMinutes(10), ["build", target, .. arguments]).ShouldSucceed();

    private List<NginxRequest> PageRequests() => _index.Requests().Where(r => r.Path.StartsWith("/simple/", StringComparison.Ordinal)).ToList();
    private List<NginxRequest> FileRequests() => _index.Requests().Where(r => r.Path.StartsWith("/files/", StringComparison.Ordinal)).ToList();

    private static string LockOf(string project) => Path.Combine(Path.GetDirectoryName(project)!, "python.lock.json");

    private static void DeleteObj(string project)
    {
        foreach (var folder in new[] { "obj", "bin" })
        {
            var path = Path.Combine(Path.GetDirectoryName(project)!, folder);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    public void Dispose() => _index.Dispose();
}
