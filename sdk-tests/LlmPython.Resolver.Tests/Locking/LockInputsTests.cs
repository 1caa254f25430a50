using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Locking;

public class LockInputsTests
{
    private static RestoreRequest Request(string projectDir, params PackageItem[] packages) => new()
    {
        ProjectPath = Path.Combine(projectDir, "App.csproj"),
        LockFilePath = Path.Combine(projectDir, "python.lock.json"),
        EnvironmentDirectory = Path.Combine(projectDir, "obj", "python", "venv"),
        Packages = packages,
    };

    private static readonly PackageItem Torch = new("torch", "2.4.0", Cuda: "cu118");
    private static readonly PackageItem Transformers = new("transformers", ">=4.37");

    [Fact]
    public void Item_order_does_not_change_the_hash()
    {
        Assert.Equal(
            LockInputs.Hash(Request("/p", Torch, Transformers)),
            LockInputs.Hash(Request("/p", Transformers, Torch)));
    }

    [Fact]
    public void What_is_resolved_changes_the_hash()
    {
        var baseline = LockInputs.Hash(Request("/p", Torch));
        Assert.NotEqual(baseline, LockInputs.Hash(Request("/p", Torch with { Version = "2.4.1" })));
        Assert.NotEqual(baseline, LockInputs.Hash(Request("/p", Torch) with { AllowPrereleases = true }));
        Assert.NotEqual(baseline, LockInputs.Hash(Request("/p", Torch) with { Constraints = [new("numpy", "<2")] }));
    }

    [Fact]
    public void How_the_environment_is_built_does_not_change_the_hash()
    {
        var baseline = LockInputs.Hash(Request("/p", Torch));
        Assert.Equal(baseline, LockInputs.Hash(Request("/p", Torch) with
        {
            CacheDirectory = "/elsewhere", Offline = true, LockedMode = true, CompileBytecode = true,
            EnvironmentDirectory = "/other/venv", UpdatePackages = ["torch"], RuntimeIdentifier = "win-x64",
        }));
    }

    [Fact]
    public void Local_wheels_under_the_project_hash_the_same_from_any_checkout_folder()
    {
        var a = Request("/home/a/app", new PackageItem("/home/a/app/wheels/x-1.0-py3-none-any.whl"));
        var b = Request("/srv/ci/app", new PackageItem("/srv/ci/app/wheels/x-1.0-py3-none-any.whl"));
        Assert.Equal(LockInputs.Hash(a), LockInputs.Hash(b));
        Assert.DoesNotContain("/home/a", LockInputs.Describe(a));
    }

    /// <summary>The hash a restore records: of the request as RequestValidator normalized it.</summary>
    private static string NormalizedHash(params PackageItem[] packages) =>
        LockInputs.Hash(RequestValidator.Validate(Request("/p", packages), BackendSelector.IsBackendName).Request);

    [Theory]
    [InlineData("Hello_LLM", ">=0.1", "auto")]   // PEP 503 name
    [InlineData("hello.llm", ">=0.1", "auto")]
    [InlineData("hello-llm", ">= 0.1", "auto")]  // specifier spelling
    [InlineData("hello-llm", ">=  0.1", "auto")]
    [InlineData("hello-llm", ">=0.1", "AUTO")]   // backend case
    [InlineData("hello-llm", ">=0.1", " Auto")]
    public void Spellings_of_the_same_input_hash_the_same(string include, string version, string cuda)
    {
        Assert.Equal(NormalizedHash(new PackageItem("hello-llm", ">=0.1", Cuda: "auto")),
            NormalizedHash(new PackageItem(include, version, Cuda: cuda)));
        // Hashed as declared (before normalization), they differed.
        Assert.NotEqual(LockInputs.Hash(Request("/p", new PackageItem("hello-llm", ">=0.1", Cuda: "auto"))),
            LockInputs.Hash(Request("/p", new PackageItem(include, version, Cuda: cuda))));
    }

    [Fact]
    public void A_version_change_still_changes_the_normalized_hash()
    {
        Assert.NotEqual(NormalizedHash(new PackageItem("hello-llm", ">=0.1")), NormalizedHash(new PackageItem("hello-llm", ">=0.2")));
        Assert.NotEqual(NormalizedHash(new PackageItem("torch", "2.4.0", Cuda: "cu118")), NormalizedHash(new PackageItem("torch", "2.4.0", Cuda: "cu121")));
        Assert.Equal(NormalizedHash(new PackageItem("torch", "2.4.0")), NormalizedHash(new PackageItem("torch", "==2.4.0")));
    }
}
