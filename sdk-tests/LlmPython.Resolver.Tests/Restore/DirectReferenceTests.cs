using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// <c>name @ https://…/x.whl#sha256=…</c> and a wheel URL as the Include: the file is taken from that URL (no index, no
/// find-links), its hash pinned in the lock and checked when it is fetched; its build-variant label is checked too.
/// </summary>
public class DirectReferenceTests : IClassFixture<ExtensionWheelFixture>
{
    private const string Flash24 = "flash_attn-2.6.3+cu123torch2.4cxx11abiFALSE-cp311-cp311-linux_x86_64.whl";
    private readonly ExtensionWheelFixture _world;

    public DirectReferenceTests(ExtensionWheelFixture world) { _world = world; }

    private string UrlOf(string file) => _world.Server.UrlOf(_world.Files[file]);

    private RestoreRequest Request(string name, string include, bool lockOnly = true) =>
        _world.Request(name, new PackageItem("torch", "2.4.0", Cuda: "cu124"), new PackageItem(include)) with { FindLinks = [], LockOnly = lockOnly };

    [Fact]
    public void A_pep508_direct_reference_with_a_hash_is_locked_with_that_url_and_hash_and_installed()
    {
        var file = _world.Files[Flash24];
        var request = Request("direct-pinned", $"flash-attn @ {UrlOf(Flash24)}#sha256={file.Sha256}", lockOnly: false);
        var log = new RecordingRestoreLog();

        var result = new RestoreEngine(log).Run(request);

        Assert.True(result.Success, log.All);
        var locked = LockFileReader.TryRead(request.LockFilePath)!.Environments.Single().Find("flash-attn")!;
        Assert.Equal(UrlOf(Flash24), locked.Url);
        Assert.Equal(file.Sha256, locked.Sha256);
        Assert.Equal(IndexResolverSource.DirectSource, locked.Source);
        Assert.Equal("2.6.3", locked.Version);
        var (code, output) = RestoreFixture.Exec(result.EnvironmentPython!, "-c", "import flash_attn; print(flash_attn.VARIANT)");
        Assert.True(code == 0, output);
        Assert.Equal("cu123torch2.4cxx11abiFALSE", output.Trim());
    }

    [Fact]
    public void A_wheel_url_include_without_a_hash_is_hashed_once_and_pinned_in_the_lock()
    {
        var request = Request("direct-url", UrlOf(Flash24));
        var log = new RecordingRestoreLog();

        Assert.True(new RestoreEngine(log).Run(request).Success, log.All);

        var locked = LockFileReader.TryRead(request.LockFilePath)!.Environments.Single().Find("flash-attn")!;
        Assert.Equal(_world.Files[Flash24].Sha256, locked.Sha256);
        Assert.Equal(_world.Files[Flash24].Content.Length, locked.Size);
    }

    [Fact]
    public void A_wrong_pinned_hash_fails_before_the_lock_is_written()
    {
        var request = Request("direct-bad-hash", $"flash-attn @ {UrlOf(Flash24)}#sha256={new string('0', 64)}");
        var log = new RecordingRestoreLog();

        Assert.False(new RestoreEngine(log).Run(request).Success);

        var (code, message) = Assert.Single(log.Errors);
        Assert.Equal(DiagnosticCodes.Cache.HashMismatch, code);
        Assert.Contains(new string('0', 64), message);
        Assert.False(File.Exists(request.LockFilePath));
    }

    [Fact]
    public void A_direct_reference_to_another_projects_wheel_is_LLMPY0032()
    {
        var request = Request("direct-wrong-name", $"autoawq @ {UrlOf(Flash24)}");
        var log = new RecordingRestoreLog();

        Assert.False(new RestoreEngine(log).Run(request).Success);

        var (code, message) = Assert.Single(log.Errors);
        Assert.Equal(DiagnosticCodes.Inputs.InvalidDirectReference, code);
        Assert.Contains("names 'autoawq', but the wheel flash_attn-2.6.3+cu123torch2.4cxx11abiFALSE-cp311-cp311-linux_x86_64.whl is a file of 'flash-attn'", message);
    }

    [Fact]
    public void A_direct_wheel_url_built_for_another_cuda_says_why()
    {
        var request = Request("direct-cu118", $"flash-attn @ {UrlOf("flash_attn-2.6.3+cu118torch2.4cxx11abiFALSE-cp311-cp311-linux_x86_64.whl")}");
        var log = new RecordingRestoreLog();

        Assert.False(new RestoreEngine(log).Run(request).Success);

        var (code, message) = Assert.Single(log.Errors);
        Assert.Equal(DiagnosticCodes.Resolution.NoMatchingVersion, code);
        Assert.Contains("built for CUDA 11.8, this environment's backend is cu124 (CUDA 12.4), which needs CUDA 12.x: flash_attn-2.6.3+cu118torch2.4cxx11abiFALSE", message);
    }
}
