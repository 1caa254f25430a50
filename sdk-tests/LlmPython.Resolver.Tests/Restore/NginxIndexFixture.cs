using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// <see cref="ThreeStackSolution"/>'s wheels as a static PyPI-like site behind nginx, pages sent with a given
/// Cache-Control, and throw-away project folders sharing one cache: the engine restores them in-process, and the
/// tests judge by nginx's access log.
/// </summary>
public sealed class NginxIndexFixture : IDisposable
{
    public NginxIndexFixture(string pageCacheControl)
    {
        Root = Directory.CreateTempSubdirectory("llmpy-nginx-").FullName;
        Cache = Path.Combine(Root, "cache");
        var site = Path.Combine(Root, "site");
        Pages = StaticSimpleIndex.Write(site, ThreeStackSolution.Wheels());
        Server = NginxServer.Start(Path.Combine(Root, "nginx"), StaticSimpleIndex.NginxLocations(site, pageCacheControl));
    }

    public string Root { get; }
    public string Cache { get; }
    public NginxServer Server { get; }
    /// <summary>Every page of the site (<c>/simple/name/</c>).</summary>
    public IReadOnlyList<string> Pages { get; }

    public IReadOnlyList<NginxRequest> PageRequests() => Server.Requests().Where(r => r.Path.StartsWith("/simple/", StringComparison.Ordinal)).ToList();
    public IReadOnlyList<NginxRequest> FileRequests() => Server.Requests().Where(r => r.Path.StartsWith("/files/", StringComparison.Ordinal)).ToList();

    /// <summary>A project folder <paramref name="name"/> requiring <paramref name="topLevel"/>.</summary>
    public RestoreRequest Project(string name, string topLevel, string? cache = null)
    {
        var directory = Path.Combine(Root, "projects", name);
        Directory.CreateDirectory(directory);
        return new RestoreRequest
        {
            ProjectPath = Path.Combine(directory, name + ".csproj"),
            LockFilePath = Path.Combine(directory, "python.lock.json"),
            EnvironmentDirectory = Path.Combine(directory, "obj", "python", "venv"),
            CacheDirectory = cache ?? Cache,
            PythonVersion = RestoreFixture.Python311,
            PythonIndexUrl = Server.BaseUrl + "/simple",
            PyTorchIndexUrl = Server.BaseUrl + "/whl",
            Packages = [new PackageItem(topLevel)],
        };
    }

    public static (RestoreResult Result, RecordingRestoreLog Log) Run(RestoreRequest request)
    {
        var log = new RecordingRestoreLog();
        return (new RestoreEngine(log).Run(request), log);
    }

    /// <summary>Removes what <c>git clean -xdf</c> would: the lockfile and obj/.</summary>
    public static void Clean(RestoreRequest request)
    {
        File.Delete(request.LockFilePath);
        var obj = Path.GetDirectoryName(Path.GetDirectoryName(request.EnvironmentDirectory))!;
        if (Directory.Exists(obj)) Directory.Delete(obj, recursive: true);
    }

    public void Dispose()
    {
        Server.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
