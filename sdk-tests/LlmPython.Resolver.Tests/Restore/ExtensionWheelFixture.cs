using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// A flash-attn-shaped world: PyTorch-like per-backend indexes with torch 2.3.1 / 2.4.0 / 2.5.1 / 2.6.0, and a find-links page
/// (a GitHub release's asset list) with flash_attn 2.6.3 built for cu118 / cu123 × torch 2.3 / 2.4 / 2.6 × both C++ ABIs ×
/// cp310 / cp311 (24 wheels), plus autoawq 0.2.5+cu118 and torch_scatter +pt24cu121 / +pt24cu118. Each wheel's
/// <c>__init__.py</c> says which variant it is, so a test can import it.
/// </summary>
public sealed class ExtensionWheelFixture : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string[]> TorchOnBackend = new Dictionary<string, string[]>
    {
        ["cu118"] = ["2.3.1", "2.4.0", "2.6.0"],
        ["cu121"] = ["2.3.1", "2.4.0", "2.5.1"],
        ["cu124"] = ["2.4.0", "2.5.1", "2.6.0"],
        ["cu126"] = ["2.6.0"],
    };

    public static readonly string[] FlashAttnVariants =
        [.. from cuda in new[] { "cu118", "cu123" }
            from torch in new[] { "2.3", "2.4", "2.6" }
            from abi in new[] { "FALSE", "TRUE" }
            select $"{cuda}torch{torch}cxx11abi{abi}"];

    private readonly string _root;
    private readonly CaseProjects _cases;

    public ExtensionWheelFixture()
    {
        _root = Directory.CreateTempSubdirectory("llmpy-ext-").FullName;
        Cache = Path.Combine(_root, "cache");
        _cases = new CaseProjects(_root, Cache);
        Server = LocalIndexServer.Start();
        foreach (var (backend, versions) in TorchOnBackend)
            foreach (var torch in versions)
            {
                var wheel = new WheelBuilder("torch", $"{torch}+{backend}") { Tag = GpuIndexFixture.LinuxTag }
                    .AddFile("torch/__init__.py", $"__version__ = \"{torch}+{backend}\"\n");
                Server.AddPyTorchFile(backend, wheel.FileName, wheel.Build());
            }
        foreach (var python in new[] { "cp310", "cp311" })
            foreach (var variant in FlashAttnVariants)
                AddFindLinks(Extension("flash-attn", "2.6.3", variant, $"{python}-{python}-linux_x86_64", "torch"));
        AddFindLinks(Extension("flash-attn", "2.5.0", "cu118torch2.3cxx11abiFALSE", GpuIndexFixture.LinuxTag, "torch"));
        AddFindLinks(Extension("autoawq", "0.2.5", "cu118", GpuIndexFixture.LinuxTag, "torch"));
        foreach (var variant in new[] { "pt24cu121", "pt24cu118", "pt23cu121" })
            AddFindLinks(Extension("torch-scatter", "2.1.2", variant, GpuIndexFixture.LinuxTag));
    }

    public LocalIndexServer Server { get; }
    public string Cache { get; }

    public RestoreRequest Request(string caseName, params PackageItem[] packages) =>
        _cases.Request(caseName, Server, packages) with { FindLinks = [Server.FindLinksUrl], TargetCudaDriver = "none" };

    /// <summary>Every find-links file by name (for direct-reference URLs and hashes).</summary>
    public Dictionary<string, LocalIndexFile> Files { get; } = new(StringComparer.Ordinal);

    private void AddFindLinks((string FileName, WheelBuilder Wheel) file) => Files[file.FileName] = Server.AddFindLinksFile(file.FileName, file.Wheel.Build());

    /// <summary>As flash-attn publishes them: METADATA says the plain version, the file name carries the variant.</summary>
    private static (string, WheelBuilder) Extension(string name, string version, string variant, string tag, params string[] requires)
    {
        var module = name.Replace('-', '_');
        var wheel = new WheelBuilder(name, version) { Tag = tag }
            .AddFile($"{module}/__init__.py", $"__version__ = \"{version}\"\nVARIANT = \"{variant}\"\n");
        wheel.RequiresDist.AddRange(requires);
        return ($"{wheel.EscapedName}-{version}+{variant}-{tag}.whl", wheel);
    }

    public void Dispose()
    {
        Server.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
