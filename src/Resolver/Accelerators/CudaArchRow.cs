namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// Which GPU architectures the wheels of one CUDA backend carry, for a range of torch versions on some
/// platforms (a row of <c>cuda-arch-list.tsv</c>).
/// </summary>
public sealed record CudaArchRow(
    string Backend,
    TorchVersionRange TorchVersions,
    /// <summary>Architectures with machine code (cubins): <c>sm_50</c>, <c>sm_86</c>…</summary>
    IReadOnlyList<ComputeCapability> Cubins,
    /// <summary><c>linux-x86_64</c>, <c>windows-x86_64</c>, <c>linux-aarch64</c>.</summary>
    IReadOnlyList<string> Platforms,
    /// <summary>The PTX architecture embedded (JIT-compiled on newer GPUs), or null.</summary>
    ComputeCapability? Ptx,
    /// <summary>The PTX exists on Linux builds only.</summary>
    bool PtxLinuxOnly,
    /// <summary><c>confirmed</c>, <c>secondary</c>, <c>dev-snapshot</c>…: how sure the table is.</summary>
    string Confidence)
{
    /// <summary>
    /// True when these wheels run on a GPU of capability <paramref name="gpu"/>: a cubin of the same major
    /// whose minor is not above the GPU's, or PTX not above the GPU's capability.
    /// </summary>
    public bool RunsOn(ComputeCapability gpu, string platform)
    {
        if (Cubins.Any(c => c.Major == gpu.Major && c.Minor <= gpu.Minor)) return true;
        var ptxHere = Ptx is { } ptx && !(PtxLinuxOnly && !platform.StartsWith("linux", StringComparison.Ordinal)) ? ptx : (ComputeCapability?)null;
        return ptxHere is { } p && p <= gpu;
    }

    /// <summary>The architectures as torch.cuda.get_arch_list() would print them.</summary>
    public string DescribeArchitectures() =>
        string.Join(",", Cubins.Select(c => c.SmName)) + (Ptx is { } p ? $",compute_{p.Major}{p.Minor}" : "");
}
