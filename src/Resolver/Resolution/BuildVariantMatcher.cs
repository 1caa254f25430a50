using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Distributions;

namespace LlmPython.Resolver.Resolution;

/// <summary>
/// Whether an extension wheel's build variant (<see cref="BuildVariantLabel"/>) fits this environment: the CUDA it
/// names must have the backend's major (closest minor ≤ the backend's preferred), a named ROCm must be the backend's,
/// <c>cpu</c> only on the CPU backend; a named torch or C++ ABI couples the wheel to the torch versions it can load
/// into (the ABI per torch release and index from <see cref="TorchCxxAbiTable"/>).
/// </summary>
public sealed class BuildVariantMatcher
{
    private readonly string? _backend;
    private readonly BuildVariantLabel? _backendLabel;
    private readonly TorchCxxAbiTable _abi;

    /// <param name="backend">The environment's PyTorch backend (<c>cu124</c>, <c>cpu</c>, <c>rocm6.2</c>, <c>xpu</c>), or null when none was
    /// chosen (torch from PyPI: CUDA parts are not checked, the ABI is PyPI's).</param>
    public BuildVariantMatcher(string? backend, TorchCxxAbiTable? abi = null)
    {
        _backend = backend;
        _backendLabel = BuildVariantLabel.Parse(backend);
        _abi = abi ?? TorchCxxAbiTable.Default;
    }

    /// <summary>A wheel the environment can use, with the torch versions it loads into (null = any) and its rank (lower = better).</summary>
    public sealed record Verdict(string? Rejection, IReadOnlySet<(int Major, int Minor)>? TorchMinors, int Preference)
    {
        public bool Accepted => Rejection is null;
    }

    public Verdict Evaluate(BuildVariantLabel? label)
    {
        if (label is null) return new Verdict(null, null, 0);
        var preference = 0;
        if (_backend is not null)
        {
            var env = _backendLabel;
            if (label.Cuda is { } cuda)
            {
                if (env?.Cuda is not { } have || have.Major != cuda.Major)
                    return Reject(env?.Cuda is { } e
                        ? $"built for CUDA {Text(cuda)}, this environment's backend is {_backend} (CUDA {Text(e)}), which needs CUDA {e.Major}.x"
                        : $"built for CUDA {Text(cuda)}, this environment's backend is {_backend}, which has no CUDA");
                // Same major runs (CUDA minor-version compatibility); the closest minor at or below the backend's is best.
                var haveMinor = have.Minor ?? 0;
                preference = cuda.Minor is not { } m ? 50 : m <= haveMinor ? haveMinor - m : 100 + m - haveMinor;
            }
            else if (label.Rocm is { } rocm)
            {
                if (env?.Rocm is not { } have || MajorMinor(have) != MajorMinor(rocm))
                    return Reject($"built for ROCm {rocm}, this environment's backend is {_backend}");
            }
            else if (label.Cpu && env is not { Cpu: true })
                return Reject($"built for CPU only, this environment's backend is {_backend}");
        }

        if (label.Torch is { } torch)
        {
            if (label.Cxx11Abi is { } abi && _abi.Cxx11AbiOf(torch, _backend) is { } torchAbi && torchAbi != abi)
                return Reject($"built with {AbiText(abi)}, but torch {torch.Major}.{torch.Minor} from {IndexText()} is built with {AbiText(torchAbi)}");
            return new Verdict(null, new HashSet<(int, int)> { torch }, preference);
        }
        if (label.Cxx11Abi is { } onlyAbi)
        {
            var minors = _abi.TorchMinors.Where(m => _abi.Cxx11AbiOf(m, _backend) == onlyAbi).ToHashSet();
            return minors.Count == 0
                ? Reject($"built with {AbiText(onlyAbi)}, which no torch from {IndexText()} is built with")
                : new Verdict(null, minors, preference);
        }
        return new Verdict(null, null, preference);
    }

    /// <summary>
    /// The requirement on torch that a version's wheels impose together: <c>torch&gt;=2.3,&lt;2.5</c> for wheels built against
    /// 2.3 and 2.4 (a minor missing in between is excluded with <c>!=X.Y.*</c>).
    /// </summary>
    public static Requirements.Requirement TorchRequirement(IEnumerable<(int Major, int Minor)> minors)
    {
        var sorted = minors.Distinct().OrderBy(m => m.Major).ThenBy(m => m.Minor).ToList();
        var (low, high) = (sorted[0], sorted[^1]);
        var parts = new List<string> { $">={low.Major}.{low.Minor}", $"<{high.Major}.{high.Minor + 1}" };
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i].Major == sorted[i - 1].Major)
                for (var gap = sorted[i - 1].Minor + 1; gap < sorted[i].Minor; gap++)
                    parts.Add($"!={sorted[i].Major}.{gap}.*");
        return Requirements.Requirement.Parse("torch" + string.Join(',', parts));
    }

    private string IndexText() => _backend is null ? "PyPI" : $"the {_backend} index";

    private static Verdict Reject(string reason) => new(reason, null, int.MaxValue);

    private static string Text((int Major, int? Minor) cuda) => cuda.Minor is { } m ? $"{cuda.Major}.{m}" : $"{cuda.Major}.x";

    private static string AbiText(bool abi) => abi ? "cxx11abiTRUE" : "cxx11abiFALSE";

    private static string MajorMinor(string version) => string.Join('.', version.Split('.').Take(2));
}
