using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>Validation and normalization happen once, in RequestValidator: every later step reads its normalized request.</summary>
public class RequestValidatorTests
{
    private static RestoreRequest Request(params PackageItem[] packages) => new()
    {
        ProjectPath = "/p/App.csproj",
        LockFilePath = "/p/python.lock.json",
        EnvironmentDirectory = "/p/obj/python/venv",
        Packages = packages,
    };

    private static ValidatedRequest Validate(RestoreRequest request, RecordingRestoreLog? log = null) =>
        RequestValidator.Validate(request, BackendSelector.IsBackendName, log);

    private static string Code(Action validate) => Assert.Throws<LlmPyException>(validate).Code;

    [Fact]
    public void Items_are_normalized_names_specifiers_extras_markers_backends_and_index_names()
    {
        var request = Request(new PackageItem(" Hello_LLM ", " >= 0.1 , < 2 ", Extras: "Audio; nlp,audio", Cuda: " AUTO ",
            Index: "CORP", Markers: "sys_platform=='linux'")) with { Indexes = [new("https://corp.example/simple", "Corp")] };

        var item = Assert.Single(Validate(request).Request.Packages);

        Assert.Equal("hello-llm", item.Include);
        Assert.Equal("<2,>=0.1", item.Version);
        Assert.Equal("audio,nlp", item.Extras);
        Assert.Equal("auto", item.Cuda);
        Assert.Equal("Corp", item.Index); // the PythonIndex's own spelling
        Assert.Equal("sys_platform == \"linux\"", item.Markers);
    }

    [Fact]
    public void A_bare_version_means_equals_and_the_project_cuda_is_lower_case()
    {
        var validated = Validate(Request(new PackageItem("torch", "2.4.0")) with { PythonCuda = "CU118", Constraints = [new("NumPy", " < 2")] });
        Assert.Equal("==2.4.0", Assert.Single(validated.Request.Packages).Version);
        Assert.Equal("cu118", validated.Request.PythonCuda);
        Assert.Equal(new ConstraintItem("numpy", "<2"), Assert.Single(validated.Request.Constraints));
        Assert.Equal("torch==2.4.0", Assert.Single(validated.Roots).Requirement.ToString());
    }

    [Fact]
    public void An_unknown_index_name_is_LLMPY0004_only()
    {
        var e = Assert.Throws<LlmPyException>(() => Validate(Request(new PackageItem("torch", Index: "corp")) with { Indexes = [new("https://x.example/simple", "other")] }));
        Assert.Equal("LLMPY0004", e.Code);
        Assert.Contains("Known indexes: other.", e.Message, StringComparison.Ordinal);
        Assert.Equal("torch", e.PackageName);
    }

    [Fact]
    public void An_unknown_backend_is_LLMPY0023_on_the_item_and_on_PythonCuda()
    {
        Assert.Equal("LLMPY0023", Code(() => Validate(Request(new PackageItem("torch", Cuda: "cuda11")))));
        Assert.Equal("LLMPY0023", Code(() => Validate(Request(new PackageItem("torch")) with { PythonCuda = "gpu" })));
        // The backend choice no longer has a user-facing code of its own for it: validation ran first.
        Assert.Throws<ArgumentException>(() => new BackendSelector().SelectAsync(new BackendRequest { Requested = "gpu", Gpu = GpuInfo.None }).GetAwaiter().GetResult());
    }

    [Fact]
    public void A_bad_constraint_name_is_LLMPY0028_before_resolution()
    {
        Assert.Equal(DiagnosticCodes.Inputs.InvalidConstraint, Code(() => Validate(Request() with { Constraints = [new("not a name", "<2")] })));
    }

    [Theory]
    [InlineData("ftp://mirror.example/simple")]
    [InlineData("https://")]
    [InlineData("htps//x")] // no scheme: a (missing) path, reported by the source that reads it
    public void A_source_with_a_scheme_must_be_an_http_or_file_url(string location)
    {
        var request = Request() with { FindLinks = [location] };
        if (location.Contains("://", StringComparison.Ordinal))
            Assert.Equal(DiagnosticCodes.Http.UnsupportedUrl, Code(() => Validate(request)));
        else
            Validate(request);
        Assert.Equal(DiagnosticCodes.Http.UnsupportedUrl, Code(() => Validate(Request() with { PythonIndexUrl = "ftp://mirror.example/simple" })));
        Validate(Request() with { Indexes = [new("file:///srv/wheels/simple")] });
    }

    [Fact]
    public void Unknown_item_metadata_is_warned_about_before_anything_fails()
    {
        var log = new RecordingRestoreLog();
        var request = Request(new PackageItem("torch")) with
        {
            DeclaredMetadata = [new("PythonPackage", "torch", "/p/App.csproj", ["Versoin"])],
            Constraints = [new("not a name", "<2")],
        };
        Assert.Throws<LlmPyException>(() => Validate(request, log));
        Assert.Equal(DiagnosticCodes.Inputs.UnknownItemMetadata, Assert.Single(log.Warnings).Code);
    }
}
