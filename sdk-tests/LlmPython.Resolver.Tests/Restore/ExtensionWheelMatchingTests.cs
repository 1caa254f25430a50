using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Locking;
using LlmPython.Resolver.Resolution;
using LlmPython.Resolver.Restore;

namespace LlmPython.Resolver.Tests.Restore;

/// <summary>
/// Extension wheels whose local label names CUDA / torch / C++ ABI, matched through <see cref="RestoreEngine"/> against the
/// environment's backend, its resolved torch and that torch's ABI, from a find-links page with 24+ flash-attn variants.
/// </summary>
public class ExtensionWheelMatchingTests : IClassFixture<ExtensionWheelFixture>
{
    private readonly ExtensionWheelFixture _world;

    public ExtensionWheelMatchingTests(ExtensionWheelFixture world) { _world = world; }

    [Theory]
    [InlineData("cu118", "2.4.0", "2.4.0", "cu118torch2.4cxx11abiFALSE")]
    [InlineData("cu118", "2.3.1", "2.3.1", "cu118torch2.3cxx11abiFALSE")]
    [InlineData("cu118", "2.6.0", "2.6.0", "cu118torch2.6cxx11abiFALSE")]
    [InlineData("cu121", "2.4.0", "2.4.0", "cu123torch2.4cxx11abiFALSE")]
    [InlineData("cu121", "2.3.1", "2.3.1", "cu123torch2.3cxx11abiFALSE")]
    [InlineData("cu121", null, "2.4.0", "cu123torch2.4cxx11abiFALSE")] // newest torch 2.5.1 has no flash-attn wheel: 2.4.0
    [InlineData("cu124", "2.4.0", "2.4.0", "cu123torch2.4cxx11abiFALSE")]
    [InlineData("cu124", "2.6.0", "2.6.0", "cu123torch2.6cxx11abiFALSE")]
    [InlineData("cu126", "2.6.0", "2.6.0", "cu123torch2.6cxx11abiTRUE")]  // torch 2.6 cu126 is built with the C++11 ABI
    public void Chooses_the_variant_built_for_the_backend_torch_and_abi(string backend, string? torchPin, string torch, string variant)
    {
        var request = _world.Request($"flash-{backend}-{torchPin ?? "any"}", new PackageItem("torch", torchPin, Cuda: backend), new PackageItem("flash-attn"))
            with { LockOnly = true };
        var log = new RecordingRestoreLog();

        var result = new RestoreEngine(log).Run(request);

        Assert.True(result.Success, log.All);
        var section = Assert.Single(LockFileReader.TryRead(request.LockFilePath)!.Environments);
        Assert.Equal($"{torch}+{backend}", section.Find("torch")!.Version);
        var flash = section.Find("flash-attn")!;
        Assert.Equal("2.6.3", flash.Version);
        Assert.Equal($"flash_attn-2.6.3+{variant}-cp311-cp311-linux_x86_64.whl", flash.FileName);
        Assert.Contains(flash.Dependencies, d => d.Name == "torch");
    }

    [Fact]
    public void The_page_has_at_least_twenty_variants() =>
        Assert.True(ExtensionWheelFixture.FlashAttnVariants.Length * 2 >= 20);

    [Fact]
    public void The_chosen_variant_is_installed_and_imports()
    {
        var request = _world.Request("flash-venv", new PackageItem("torch", "2.6.0", Cuda: "cu126"), new PackageItem("flash-attn"));
        var log = new RecordingRestoreLog();

        var result = new RestoreEngine(log).Run(request);

        Assert.True(result.Success, log.All);
        var (code, output) = RestoreFixture.Exec(result.EnvironmentPython!, "-c",
            "import torch, flash_attn, importlib.metadata as m; print(torch.__version__, flash_attn.VARIANT, m.version('flash-attn'))");
        Assert.True(code == 0, output);
        Assert.Equal("2.6.0+cu126 cu123torch2.6cxx11abiTRUE 2.6.3", output.Trim());
    }

    [Fact]
    public void A_torch_without_a_matching_wheel_errors_with_the_per_file_reasons()
    {
        var request = _world.Request("flash-mismatch", new PackageItem("torch", "2.5.1", Cuda: "cu124"), new PackageItem("flash-attn"))
            with { LockOnly = true };
        var log = new RecordingRestoreLog();

        var result = new RestoreEngine(log).Run(request);

        Assert.False(result.Success);
        var (code, message) = Assert.Single(log.Errors);
        Assert.Contains(code, new[] { DiagnosticCodes.Resolution.NoMatchingVersion, DiagnosticCodes.Resolution.Conflict });
        Assert.Contains("flash-attn 2.6.3 depends on torch", message);
        Assert.Contains("its wheels are built for torch 2.3, torch 2.4, torch 2.6", message);
        Assert.Contains("built for CUDA 11.8, this environment's backend is cu124 (CUDA 12.4), which needs CUDA 12.x: "
            + string.Join(", ", ExtensionWheelFixture.FlashAttnVariants.Where(v => v.StartsWith("cu118", StringComparison.Ordinal)).Select(v => $"flash_attn-2.6.3+{v}-cp311-cp311-linux_x86_64.whl")), message);
        Assert.Contains("built with cxx11abiTRUE, but torch 2.6 from the cu124 index is built with cxx11abiFALSE: flash_attn-2.6.3+cu123torch2.6cxx11abiTRUE-cp311-cp311-linux_x86_64.whl", message);
        // flash-attn 2.5.0 only has a cu118 wheel.
        Assert.Contains("flash-attn 2.5.0 has no wheel built for this environment (built for CUDA 11.8, this environment's backend is cu124 (CUDA 12.4), which needs CUDA 12.x: flash_attn-2.5.0+cu118torch2.3cxx11abiFALSE-cp311-cp311-linux_x86_64.whl)", message);
        Assert.False(File.Exists(request.LockFilePath));
    }

    [Fact]
    public void Autoawq_cu118_is_rejected_on_a_cu124_environment_with_the_reason()
    {
        var request = _world.Request("awq-cu124", new PackageItem("torch", "2.4.0", Cuda: "cu124"), new PackageItem("autoawq", NoDeps: true))
            with { LockOnly = true };
        var log = new RecordingRestoreLog();

        Assert.False(new RestoreEngine(log).Run(request).Success);

        var (code, message) = Assert.Single(log.Errors);
        Assert.Equal(DiagnosticCodes.Resolution.NoMatchingVersion, code);
        Assert.Contains("'autoawq'", message);
        Assert.Contains("built for CUDA 11.8, this environment's backend is cu124 (CUDA 12.4), which needs CUDA 12.x: autoawq-0.2.5+cu118-cp311-cp311-linux_x86_64.whl", message);
    }

    [Fact]
    public void Autoawq_cu118_is_chosen_on_a_cu118_environment()
    {
        var request = _world.Request("awq-cu118", new PackageItem("torch", "2.4.0", Cuda: "cu118"), new PackageItem("autoawq", NoDeps: true))
            with { LockOnly = true };
        var log = new RecordingRestoreLog();

        Assert.True(new RestoreEngine(log).Run(request).Success, log.All);

        var section = Assert.Single(LockFileReader.TryRead(request.LockFilePath)!.Environments);
        Assert.Equal("autoawq-0.2.5+cu118-cp311-cp311-linux_x86_64.whl", section.Find("autoawq")!.FileName);
    }

    [Fact]
    public void A_pyg_label_couples_to_torch_even_without_a_torch_requirement()
    {
        var request = _world.Request("pyg-cu121", new PackageItem("torch", "2.4.0", Cuda: "cu121"), new PackageItem("torch-scatter"))
            with { LockOnly = true };
        var log = new RecordingRestoreLog();

        Assert.True(new RestoreEngine(log).Run(request).Success, log.All);

        var section = Assert.Single(LockFileReader.TryRead(request.LockFilePath)!.Environments);
        Assert.Equal("torch_scatter-2.1.2+pt24cu121-cp311-cp311-linux_x86_64.whl", section.Find("torch-scatter")!.FileName);
    }

    [Fact]
    public void PythonWhy_names_the_chosen_variant_and_why_each_other_wheel_was_ruled_out()
    {
        var request = _world.Request("flash-why", new PackageItem("torch", "2.4.0", Cuda: "cu124"), new PackageItem("flash-attn"))
            with { LockOnly = true };
        var log = new RecordingRestoreLog();

        var why = new RestoreEngine(log).ExplainWhy(request, "flash-attn");

        Assert.Empty(log.Errors);
        Assert.Contains("flash-attn 2.6.3 installs flash_attn-2.6.3+cu123torch2.4cxx11abiFALSE-cp311-cp311-linux_x86_64.whl (CUDA 12.3, torch 2.4, cxx11abiFALSE): it fits the backend cu124 and torch 2.4.0+cu124.", why);
        Assert.Contains("  built for CUDA 11.8, this environment's backend is cu124 (CUDA 12.4), which needs CUDA 12.x: flash_attn-2.6.3+cu118torch2.3cxx11abiFALSE-cp311-cp311-linux_x86_64.whl,", why);
        Assert.Contains("  built with cxx11abiTRUE, but torch 2.4 from the cu124 index is built with cxx11abiFALSE: flash_attn-2.6.3+cu123torch2.4cxx11abiTRUE-cp311-cp311-linux_x86_64.whl", why);
        Assert.Contains("  built for another torch than 2.4.0+cu124: flash_attn-2.6.3+cu123torch2.3cxx11abiFALSE-cp311-cp311-linux_x86_64.whl, flash_attn-2.6.3+cu123torch2.6cxx11abiFALSE-cp311-cp311-linux_x86_64.whl", why);
    }
}
