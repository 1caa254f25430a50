using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Restore;
using LlmPython.TestSupport;

namespace LlmPython.Resolver.Tests.Indexes;

public sealed class IndexRouterTests
{
    private static readonly IReadOnlySet<string> Family =
        new LlmPython.Resolver.Accelerators.PyTorchFamilyCatalog().RoutedPackageNameSet;

    [Fact]
    public async Task A_name_on_two_indexes_comes_from_the_first_only()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("private", "internal_tool-1.0-py3-none-any.whl", TinyWheel.Build("internal_tool", "1.0"));
        // The public index has a higher version of the same name: it must never be seen.
        server.AddFile("internal_tool-99.0-py3-none-any.whl", TinyWheel.Build("internal_tool", "99.0"));
        server.AddFile("requests-2.32.0-py3-none-any.whl", TinyWheel.Build("requests", "2.32.0"));
        var router = new IndexRouter(IndexTestKit.Http(), new IndexRoutingOptions
        {
            DefaultIndexUrl = server.IndexUrl,
            Indexes = [new ConfiguredIndex(server.NamedIndexUrl("private"), "private")],
        });

        var tool = await router.RouteAsync("Internal.Tool");
        var requests = await router.RouteAsync("requests");

        Assert.Equal(server.NamedIndexUrl("private") + "/", tool!.Source.Location);
        Assert.Equal("internal_tool-1.0-py3-none-any.whl", Assert.Single(tool.Page.Files).FileName);
        Assert.Equal(0, server.RequestCount("/simple/internal-tool/"));
        Assert.Equal(server.IndexUrl + "/", requests!.Source.Location);
        Assert.Null(await router.RouteAsync("does-not-exist"));
    }

    [Fact]
    public async Task Explicit_indexes_serve_only_packages_pinned_to_them()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("gpu", "special-1.0-py3-none-any.whl", TinyWheel.Build("special", "1.0"));
        server.AddFile("gpu", "numpy-0.1-py3-none-any.whl", TinyWheel.Build("numpy", "0.1"));
        server.AddFile("numpy-2.0-py3-none-any.whl", TinyWheel.Build("numpy", "2.0"));
        server.AddFile("special-9.0-py3-none-any.whl", TinyWheel.Build("special", "9.0"));
        var router = new IndexRouter(IndexTestKit.Http(), new IndexRoutingOptions
        {
            DefaultIndexUrl = server.IndexUrl,
            Indexes = [new ConfiguredIndex(server.NamedIndexUrl("gpu"), "gpu", Explicit: true)],
            IndexPins = new Dictionary<string, string> { ["Special"] = "GPU" },
        });

        Assert.Equal("special-1.0-py3-none-any.whl", Assert.Single((await router.RouteAsync("special"))!.Page.Files).FileName);
        Assert.Equal("numpy-2.0-py3-none-any.whl", Assert.Single((await router.RouteAsync("numpy"))!.Page.Files).FileName);
        Assert.Equal(0, server.RequestCount("/gpu/simple/numpy/"));
        Assert.Equal(0, server.RequestCount("/simple/special/"));
    }

    [Fact]
    public async Task PyTorch_family_goes_to_the_backend_index_and_nothing_else_does()
    {
        await using var server = await LocalIndexServer.StartAsync();
        server.AddPyTorchFile("cu118", "torch-2.4.0+cu118-cp311-cp311-linux_x86_64.whl", TinyWheel.Build("torch", "2.4.0+cu118"));
        server.AddPyTorchFile("cu118", "numpy-1.26.0-cp311-cp311-linux_x86_64.whl", TinyWheel.Build("numpy", "1.26.0"));
        server.AddFile("torch-2.4.0-cp311-cp311-manylinux1_x86_64.whl", TinyWheel.Build("torch", "2.4.0"));
        server.AddFile("numpy-2.0-py3-none-any.whl", TinyWheel.Build("numpy", "2.0"));
        var router = new IndexRouter(IndexTestKit.Http(), new IndexRoutingOptions
        {
            DefaultIndexUrl = server.IndexUrl,
            PyTorchBackendIndexUrl = LlmPython.Resolver.Accelerators.BackendSelector.IndexUrlFor(server.PyTorchIndexUrl, "cu118"),
            PyTorchFamily = Family,
        });

        Assert.Contains("+cu118", Assert.Single((await router.RouteAsync("torch"))!.Page.Files).FileName);
        Assert.Equal("numpy-2.0-py3-none-any.whl", Assert.Single((await router.RouteAsync("numpy"))!.Page.Files).FileName);
        Assert.Single(router.CandidatesFor("torchvision"));
        Assert.Equal(0, server.RequestCount("/simple/torch/"));
    }

    [Fact]
    public void Pinning_to_an_unknown_index_is_a_caller_bug_the_validator_reports_first()
    {
        // Users see LLMPY0004 from RequestValidator (RequestValidatorTests); the router only receives validated pins.
        Assert.Throws<ArgumentException>(() => new IndexRouter(IndexTestKit.Http(), new IndexRoutingOptions
        {
            Indexes = [new ConfiguredIndex("https://a.example.com/simple", "internal")],
            IndexPins = new Dictionary<string, string> { ["foo"] = "intrenal" },
        }));
    }

    [Fact]
    public void Family_list_comes_from_the_data_table()
    {
        Assert.Contains("torch", Family);
        Assert.Contains("pytorch-triton", Family);
        Assert.DoesNotContain("flash-attn", Family); // routed with pyx only
    }

    [Fact]
    public async Task Options_from_a_restore_request_route_pins_and_relative_find_links()
    {
        using var temp = new TempFolder();
        var wheels = Directory.CreateDirectory(Path.Combine(temp.Path, "wheels")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(wheels, "local_only-1.0-py3-none-any.whl"), TinyWheel.Build("local_only", "1.0"));
        await using var server = await LocalIndexServer.StartAsync();
        server.AddFile("corp", "tool-1.0-py3-none-any.whl", TinyWheel.Build("tool", "1.0"));
        var request = new RestoreRequest
        {
            ProjectPath = Path.Combine(temp.Path, "App.csproj"),
            LockFilePath = Path.Combine(temp.Path, "python.lock.json"),
            EnvironmentDirectory = Path.Combine(temp.Path, "venv"),
            PythonIndexUrl = server.IndexUrl,
            Indexes = [new IndexItem(server.NamedIndexUrl("corp"), "corp", Explicit: true)],
            FindLinks = ["wheels"],
        };
        var roots = new[]
        {
            new RootRequirement(LlmPython.Resolver.Requirements.PackageName.Parse("Tool"), LlmPython.Resolver.Requirements.Requirement.Parse("tool"), null, null, "corp", false, request.ProjectPath),
        };

        var router = new IndexRouter(IndexTestKit.Http(), RestoreIndexRouting.Options(request, roots, null, Family));

        Assert.Equal(server.NamedIndexUrl("corp") + "/", (await router.RouteAsync("tool"))!.Source.Location);
        Assert.Equal(wheels, (await router.RouteAsync("local-only"))!.Source.Location);
    }
}
