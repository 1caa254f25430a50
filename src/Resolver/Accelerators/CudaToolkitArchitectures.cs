namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// The GPU architectures a CUDA toolkit can build for (nvcc's supported range). Used only when
/// cuda-arch-list.tsv has no row for a backend, torch version and platform: a GPU newer than the
/// toolkit knows, or older than it still supports, cannot run wheels built with it.
/// </summary>
public static class CudaToolkitArchitectures
{
    // (first toolkit, oldest architecture, newest architecture): 11.0 added sm_80, 11.1 sm_86, 11.8 sm_89/sm_90,
    // 12.8 sm_100/sm_120, 12.9 sm_121; 12.0 dropped sm_35/37, 13.0 dropped everything before sm_75.
    private static readonly (Version Toolkit, ComputeCapability Oldest, ComputeCapability Newest)[] s_ranges =
    [
        (new Version(13, 0), new ComputeCapability(7, 5), new ComputeCapability(12, 1)),
        (new Version(12, 9), new ComputeCapability(5, 0), new ComputeCapability(12, 1)),
        (new Version(12, 8), new ComputeCapability(5, 0), new ComputeCapability(12, 0)),
        (new Version(12, 0), new ComputeCapability(5, 0), new ComputeCapability(9, 0)),
        (new Version(11, 8), new ComputeCapability(3, 5), new ComputeCapability(9, 0)),
        (new Version(11, 1), new ComputeCapability(3, 5), new ComputeCapability(8, 6)),
        (new Version(11, 0), new ComputeCapability(3, 5), new ComputeCapability(8, 0)),
        (new Version(10, 0), new ComputeCapability(3, 0), new ComputeCapability(7, 5)),
        (new Version(9, 0), new ComputeCapability(3, 0), new ComputeCapability(7, 2)),
        (new Version(0, 0), new ComputeCapability(2, 0), new ComputeCapability(6, 2)),
    ];

    /// <summary>True when a toolkit of this version can produce code that runs on <paramref name="gpu"/> (same-major cubins run on a newer minor).</summary>
    public static bool CanTarget(Version toolkit, ComputeCapability gpu)
    {
        var (_, oldest, newest) = s_ranges.First(r => toolkit >= r.Toolkit);
        return gpu >= oldest && gpu.Major <= newest.Major;
    }

    /// <summary>The range as text for messages: "sm_50..sm_90".</summary>
    public static string Describe(Version toolkit)
    {
        var (_, oldest, newest) = s_ranges.First(r => toolkit >= r.Toolkit);
        return $"{oldest.SmName}..{newest.SmName}";
    }
}
