using System.Net;
using System.Text;
using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// One local server shaped like download.pytorch.org plus PyPI: per-backend pages <c>/whl/&lt;backend&gt;/&lt;name&gt;/</c>
/// with root-relative <c>/whl/&lt;backend&gt;/torch-2.4.0%2Bcu118-….whl</c> links (as the real index writes them),
/// fake torch / torchvision / torchaudio wheels with local versions, and a PyPI-like <c>/simple/</c> with
/// transformers / accelerate / numpy / filelock fakes and decoys (a torch and a torchvision that must never be chosen).
/// Backends not listed in <see cref="TorchOnBackend"/> (cu129, cu130, cu132, cu125, …) answer 404.
/// Shared by the tests of a class: each case gets its own project folder and lockfile.
/// </summary>
public sealed class GpuIndexFixture : IDisposable
{
    /// <summary>Host wheel tag: the tag engine accepts linux_x86_64 for this Linux x86_64 interpreter.</summary>
    public const string LinuxTag = "cp311-cp311-linux_x86_64";
    public const string WindowsTag = "cp311-cp311-win_amd64";

    /// <summary>Which torch releases each backend index has (a subset of the real ones: some versions missing).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> TorchOnBackend = new Dictionary<string, string[]>
    {
        ["cpu"] = ["2.4.0", "2.5.1", "2.7.1", "2.8.0"],
        ["cu118"] = ["2.4.0", "2.5.1", "2.7.1"],
        ["cu121"] = ["2.4.0", "2.5.1"],
        ["cu124"] = ["2.4.0", "2.5.1"],
        ["cu126"] = ["2.7.1", "2.8.0"],
        ["cu128"] = ["2.7.1", "2.8.0", "2.11.0"],
    };

    /// <summary>Windows (win_amd64) torch wheels, for a described win-x64 target.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> WindowsTorchOnBackend = new Dictionary<string, string[]>
    {
        ["cpu"] = ["2.4.0"],
        ["cu118"] = ["2.4.0"],
        ["cu121"] = ["2.4.0"],
        ["cu124"] = ["2.4.0"],
    };

    /// <summary>torch → (torchvision, torchaudio), as torch-variants.tsv pairs them.</summary>
    public static readonly IReadOnlyDictionary<string, (string Vision, string Audio)> Paired = new Dictionary<string, (string, string)>
    {
        ["2.4.0"] = ("0.19.0", "2.4.0"),
        ["2.5.1"] = ("0.20.1", "2.5.1"),
        ["2.7.1"] = ("0.22.1", "2.7.1"),
        ["2.8.0"] = ("0.23.0", "2.8.0"),
        ["2.11.0"] = ("0.26.0", "2.11.0"),
    };

    public static readonly string[] FamilyNames = ["torch", "torchvision", "torchaudio"];

    private readonly string _root;
    private readonly CaseProjects _cases;

    public GpuIndexFixture()
    {
        _root = Directory.CreateTempSubdirectory("llmpy-gpu-").FullName;
        Cache = Path.Combine(_root, "cache");
        _cases = new CaseProjects(_root, Cache);
        Server = LocalIndexServer.Start();
        var pages = new Dictionary<(string Backend, string Project), List<LocalIndexFile>>();
        foreach (var (backend, versions) in TorchOnBackend)
            foreach (var v in versions) PublishFamily(pages, backend, v, LinuxTag);
        foreach (var (backend, versions) in WindowsTorchOnBackend)
            foreach (var v in versions) PublishFamily(pages, backend, v, WindowsTag);
        // download.pytorch.org also hosts some PyPI projects: newer numpy/filelock here must never win over /simple/.
        foreach (var backend in TorchOnBackend.Keys)
        {
            Add(pages, backend, Pure("numpy", "9.9.9", "DECOY"));
            Add(pages, backend, Pure("filelock", "9.9.9", "DECOY"));
        }
        foreach (var ((backend, project), files) in pages)
            Server.AddRaw($"/whl/{backend}/{project}/", PyTorchPage(backend, project, files));
        PublishPyPi();
    }

    public LocalIndexServer Server { get; }
    public string Cache { get; }

    /// <summary>Where a backend's files are linked from: <c>http://127.0.0.1:port/whl/cu118/</c>.</summary>
    public string BackendFolder(string backend) => $"{Server.PyTorchIndexUrl}/{backend}/";

    /// <summary>Where /simple/ files are downloaded from.</summary>
    public string PyPiFiles => Server.BaseUrl + "/packages/";

    /// <summary>A request for a fresh project folder (own lockfile and venv), sharing the server and the cache.</summary>
    public RestoreRequest Request(string caseName, params PackageItem[] packages) =>
        _cases.Request(caseName, Server, packages);

    private void PublishFamily(Dictionary<(string, string), List<LocalIndexFile>> pages, string backend, string torch, string tag)
    {
        var local = $"+{backend}";
        var cuda = backend == "cpu" ? "None" : $"\"{backend[2..^1]}.{backend[^1..]}\"";
        var torchWheel = new WheelBuilder("torch", torch + local) { Tag = tag }
            .AddFile("torch/__init__.py",
                $"__version__ = \"{torch}{local}\"\nBACKEND = \"{backend}\"\nORIGIN = \"pytorch-index\"\n\nclass version:\n    cuda = {cuda}\n");
        torchWheel.RequiresDist.Add("filelock");
        torchWheel.RequiresDist.Add("typing-extensions>=4.8.0");
        Add(pages, backend, torchWheel);

        var (vision, audio) = Paired[torch];
        foreach (var (name, version) in new[] { ("torchvision", vision), ("torchaudio", audio) })
        {
            var companion = new WheelBuilder(name, version + local) { Tag = tag }
                .AddFile($"{name}/__init__.py",
                    $"import torch\nif torch.__version__.split('+')[0] != \"{torch}\":\n    raise ImportError('{name} {version} needs torch {torch}, got ' + torch.__version__)\n__version__ = \"{version}{local}\"\n");
            companion.RequiresDist.Add($"torch=={torch}");
            if (name == "torchvision") companion.RequiresDist.Add("numpy");
            Add(pages, backend, companion);
        }
    }

    private void Add(Dictionary<(string, string), List<LocalIndexFile>> pages, string backend, WheelBuilder wheel)
    {
        var file = Server.AddPyTorchFile(backend, wheel.FileName, wheel.Build());
        var key = (backend, file.Project);
        if (!pages.TryGetValue(key, out var list)) pages[key] = list = [];
        list.Add(file);
    }

    /// <summary>The page as download.pytorch.org writes it: root-relative links into the backend folder, '+' as %2B.</summary>
    private static string PyTorchPage(string backend, string project, List<LocalIndexFile> files)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for ").Append(project).Append("</h1>\n");
        foreach (var f in files.OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            var href = $"/whl/{backend}/{Uri.EscapeDataString(f.FileName)}#sha256={f.Sha256}";
            html.Append("    <a href=\"").Append(WebUtility.HtmlEncode(href)).Append('"')
                .Append(" data-dist-info-metadata=\"sha256=").Append(f.MetadataSha256).Append('"')
                .Append(" data-core-metadata=\"sha256=").Append(f.MetadataSha256).Append("\">")
                .Append(WebUtility.HtmlEncode(f.FileName)).Append("</a><br/>\n");
        }
        return html.Append("  </body>\n</html>\n").ToString();
    }

    private void PublishPyPi()
    {
        Server.AddFile("numpy-1.26.4-py3-none-any.whl", Pure("numpy", "1.26.4", "pypi").Build());
        Server.AddFile("numpy-2.0.1-py3-none-any.whl", Pure("numpy", "2.0.1", "pypi").Build());
        Server.AddFile("filelock-3.15.4-py3-none-any.whl", Pure("filelock", "3.15.4", "pypi").Build());
        Server.AddFile("typing_extensions-4.12.2-py3-none-any.whl",
            new WheelBuilder("typing-extensions", "4.12.2").AddFile("typing_extensions.py", "ORIGIN = 'pypi'\n").Build());

        var transformers = Pure("transformers", "4.44.0", "pypi");
        transformers.RequiresDist.Add("numpy>=1.17");
        transformers.RequiresDist.Add("filelock");
        Server.AddFile(transformers.FileName, transformers.Build());
        var accelerate = Pure("accelerate", "0.33.0", "pypi");
        accelerate.RequiresDist.Add("torch>=2.0");
        accelerate.RequiresDist.Add("numpy<3,>=1.17");
        Server.AddFile(accelerate.FileName, accelerate.Build());

        // Dependency confusion: a torch and a torchvision on the default index, newer than anything on the PyTorch indexes.
        var decoyTorch = new WheelBuilder("torch", "99.0.0")
            .AddFile("torch/__init__.py", "__version__ = '99.0.0'\nBACKEND = 'DECOY'\nORIGIN = 'pypi-decoy'\n");
        Server.AddFile(decoyTorch.FileName, decoyTorch.Build());
        var decoyPinned = new WheelBuilder("torch", "2.4.0") { Tag = LinuxTag }
            .AddFile("torch/__init__.py", "__version__ = '2.4.0'\nBACKEND = 'DECOY'\nORIGIN = 'pypi-decoy'\n");
        Server.AddFile(decoyPinned.FileName, decoyPinned.Build());
        var decoyVision = Pure("torchvision", "99.0.0", "pypi-decoy");
        Server.AddFile(decoyVision.FileName, decoyVision.Build());
    }

    private static WheelBuilder Pure(string name, string version, string origin) =>
        new WheelBuilder(name, version).AddFile($"{name.Replace('-', '_')}/__init__.py", $"__version__ = '{version}'\nORIGIN = '{origin}'\n");

    public void Dispose()
    {
        Server.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
