using System.Globalization;
using System.Text.RegularExpressions;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// Finds the GPUs of a machine (NVIDIA driver and compute capabilities, AMD gfx architectures, Intel xpu),
/// or takes the described machine from PythonTargetCudaDriver / PythonTargetComputeCapability (and the
/// LLMPYTHON_CUDA_DRIVER / LLMPYTHON_COMPUTE_CAPABILITY environment variables), which replace detection.
/// </summary>
public static partial class GpuDetector
{
    public const string CudaDriverVariable = "LLMPYTHON_CUDA_DRIVER";
    public const string ComputeCapabilityVariable = "LLMPYTHON_COMPUTE_CAPABILITY";

    // Intel PCI device ids of discrete GPUs (Arc/Flex DG2 0x56xx, Battlemage 0xe2xx, Data Center Max 0x0bdx):
    // integrated graphics also report vendor 0x8086 and are not worth the xpu index by themselves.
    private static readonly string[] s_intelDiscretePrefixes = ["0x56", "0xe2", "0x0bd"];

    public static GpuInfo Detect(GpuProbeContext context)
    {
        var driverText = FirstNonEmpty(context.TargetCudaDriver, context.GetEnvironmentVariable(CudaDriverVariable));
        var capabilityText = FirstNonEmpty(context.TargetComputeCapability, context.GetEnvironmentVariable(ComputeCapabilityVariable));
        if (driverText is not null || capabilityText is not null)
            return Describe(driverText, capabilityText, context);
        if (context.IsMacOS) return GpuInfo.None with { Notes = ["macOS: no CUDA; the default torch wheels use MPS"] };

        var notes = new List<string>();
        var info = ProbeNvidia(context, notes);
        if (!context.IsWindows)
        {
            info = ProbeAmd(context, info, notes);
            info = ProbeIntel(context, info, notes);
        }
        return info with { Notes = notes };
    }

    /// <summary>The machine the properties describe; <c>none</c> in either = no GPU.</summary>
    public static GpuInfo Describe(string? driverText, string? capabilityText, GpuProbeContext? context = null)
    {
        var driverSource = context?.TargetCudaDriver is { Length: > 0 } ? "PythonTargetCudaDriver" : CudaDriverVariable;
        var capabilitySource = context?.TargetComputeCapability is { Length: > 0 } ? "PythonTargetComputeCapability" : ComputeCapabilityVariable;
        if (IsNone(driverText) || IsNone(capabilityText)) return GpuInfo.None with { IsDescribed = true };

        DriverVersion? driver = null;
        if (driverText is not null && !DriverVersion.TryParseWindows(driverText, out driver))
            throw new LlmPyException(DiagnosticCodes.Accelerators.InvalidTargetCudaDriver,
                $"{driverSource} '{driverText}' is not an NVIDIA driver version. Use the number nvidia-smi prints (535.104.05 on Linux, 537.13 on Windows), or 'none' for a machine without an NVIDIA GPU.");
        var capabilities = new List<ComputeCapability>();
        if (capabilityText is not null)
        {
            foreach (var item in capabilityText.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!ComputeCapability.TryParse(item, out var c))
                    throw new LlmPyException(DiagnosticCodes.Accelerators.InvalidTargetComputeCapability,
                        $"{capabilitySource} '{capabilityText}': '{item}' is not a compute capability. List one per GPU as major.minor separated by ';' (8.6;6.1), or 'none' for no GPU.");
                capabilities.Add(c);
            }
        }
        return new GpuInfo
        {
            IsDescribed = true,
            NvidiaDriver = driver,
            NvidiaDriverSource = driver is null ? null : driverSource,
            ComputeCapabilities = capabilities,
            ComputeCapabilitySource = capabilities.Count == 0 ? null : capabilitySource,
        };
    }

    private static GpuInfo ProbeNvidia(GpuProbeContext context, List<string> notes)
    {
        DriverVersion? driver = null;
        string? driverSource = null;
        if (!context.IsWindows)
        {
            foreach (var (path, parse) in new (string, Func<string, DriverVersion?>)[]
                     {
                         ("/sys/module/nvidia/version", ParseSysModuleVersion),
                         ("/proc/driver/nvidia/version", ParseProcDriverVersion),
                     })
            {
                var text = ReadFile(context, path, notes);
                if (text is null) continue;
                driver = parse(text);
                if (driver is not null) { driverSource = path; break; }
                notes.Add($"{path}: no driver version in '{FirstLine(text)}'");
            }
        }

        var (smiDriver, capabilities) = QueryNvidiaSmi(context, notes);
        if (driver is null && smiDriver is not null) { driver = smiDriver; driverSource = "nvidia-smi"; }
        var capabilitySource = capabilities.Count > 0 ? "nvidia-smi" : null;

        Version? apiVersion = null;
        // libcuda only when there is a sign of a driver, or nothing else could tell (Windows without nvidia-smi on PATH).
        if (context.CudaDriverApi is not null && (capabilities.Count == 0 || driver is null))
        {
            var report = context.CudaDriverApi.Query();
            if (report is not null)
            {
                apiVersion = report.CudaVersion;
                if (capabilities.Count == 0 && report.Devices.Count > 0)
                {
                    capabilities = report.Devices.ToList();
                    capabilitySource = "libcuda";
                }
            }
        }
        return new GpuInfo
        {
            NvidiaDriver = driver,
            NvidiaDriverSource = driverSource,
            CudaDriverApiVersion = apiVersion,
            ComputeCapabilities = capabilities,
            ComputeCapabilitySource = capabilitySource,
        };
    }

    /// <summary>
    /// Runs <c>nvidia-smi --query-gpu=driver_version,compute_cap --format=csv,noheader</c>; drivers before 510
    /// do not know compute_cap, so a failure retries with the driver version alone.
    /// </summary>
    private static (DriverVersion? Driver, List<ComputeCapability> Capabilities) QueryNvidiaSmi(GpuProbeContext context, List<string> notes)
    {
        var capabilities = new List<ComputeCapability>();
        var result = RunNvidiaSmi(context, "--query-gpu=driver_version,compute_cap");
        if (result is null) return (null, capabilities);
        if (result.ExitCode != 0)
        {
            notes.Add($"nvidia-smi --query-gpu=driver_version,compute_cap failed ({result.ExitCode}): {FirstLine(result.StandardError + result.StandardOutput)}");
            result = RunNvidiaSmi(context, "--query-gpu=driver_version");
            if (result is null || result.ExitCode != 0) return (null, capabilities);
        }
        DriverVersion? driver = null;
        foreach (var line in Lines(result.StandardOutput))
        {
            var cells = line.Split(',', StringSplitOptions.TrimEntries);
            if (driver is null && DriverVersion.TryParseWindows(cells[0], out var d)) driver = d;
            if (cells.Length > 1)
            {
                if (ComputeCapability.TryParse(cells[1], out var c)) capabilities.Add(c);
                else notes.Add($"nvidia-smi: compute capability '{cells[1]}' not understood");
            }
        }
        return (driver, capabilities);
    }

    private static ProcessResult? RunNvidiaSmi(GpuProbeContext context, string query)
    {
        string[] args = [query, "--format=csv,noheader"];
        var result = context.Processes.Run("nvidia-smi", args, context.ProcessTimeout);
        if (result is null && context.IsWindows)
        {
            // Older Windows drivers install nvidia-smi outside PATH.
            var programFiles = context.GetEnvironmentVariable("ProgramFiles") ?? @"C:\Program Files";
            result = context.Processes.Run(Path.Combine(programFiles, "NVIDIA Corporation", "NVSMI", "nvidia-smi.exe"), args, context.ProcessTimeout);
        }
        return result;
    }

    private static GpuInfo ProbeAmd(GpuProbeContext context, GpuInfo info, List<string> notes)
    {
        var architectures = new List<string>();
        string? source = null;
        var result = context.Processes.Run("rocm_agent_enumerator", [], context.ProcessTimeout)
            ?? context.Processes.Run(context.Under("/opt/rocm/bin/rocm_agent_enumerator"), [], context.ProcessTimeout);
        if (result is { ExitCode: 0 })
        {
            foreach (var line in Lines(result.StandardOutput))
                if (GfxName().IsMatch(line) && line != "gfx000" && !architectures.Contains(line)) architectures.Add(line); // gfx000 = the CPU agent
            source = "rocm_agent_enumerator";
        }
        else if (result is not null)
        {
            notes.Add($"rocm_agent_enumerator failed ({result.ExitCode}): {FirstLine(result.StandardError)}");
        }

        if (architectures.Count == 0)
        {
            // Without ROCm user space installed, the amdgpu kernel driver still lists its agents here.
            var nodes = context.Under("/sys/class/kfd/kfd/topology/nodes");
            if (Directory.Exists(nodes))
            {
                foreach (var node in Directory.GetDirectories(nodes).Order(StringComparer.Ordinal))
                {
                    var props = ReadFile(context, Path.Combine(node, "properties"), notes, absolute: true);
                    var gfx = props is null ? null : GfxFromKfdProperties(props);
                    if (gfx is not null && !architectures.Contains(gfx)) architectures.Add(gfx);
                }
                if (architectures.Count > 0) source = "/sys/class/kfd";
            }
        }
        return architectures.Count == 0 ? info : info with { AmdArchitectures = architectures, AmdSource = source };
    }

    /// <summary>
    /// The gfx name of a KFD topology node: <c>gfx_target_version 90010</c> = major 9, minor 0, stepping 10 →
    /// <c>gfx90a</c> (minor and stepping in hex); 0 = a CPU node.
    /// </summary>
    internal static string? GfxFromKfdProperties(string properties)
    {
        foreach (var line in Lines(properties))
        {
            var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length == 2 && cells[0] == "gfx_target_version"
                && int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)
                return $"gfx{v / 10000}{v / 100 % 100:x}{v % 100:x}";
        }
        return null;
    }

    private static GpuInfo ProbeIntel(GpuProbeContext context, GpuInfo info, List<string> notes)
    {
        var drm = context.Under("/sys/class/drm");
        if (Directory.Exists(drm))
        {
            foreach (var card in Directory.GetDirectories(drm, "card*").Order(StringComparer.Ordinal))
            {
                var vendor = ReadFile(context, Path.Combine(card, "device", "vendor"), notes, absolute: true)?.Trim();
                var device = ReadFile(context, Path.Combine(card, "device", "device"), notes, absolute: true)?.Trim().ToLowerInvariant();
                if (vendor == "0x8086" && device is not null && s_intelDiscretePrefixes.Any(p => device.StartsWith(p, StringComparison.Ordinal)))
                    return info with { HasIntelXpu = true, IntelSource = $"/sys/class/drm/{Path.GetFileName(card)} device {device}" };
            }
        }
        var sycl = context.Processes.Run("sycl-ls", [], context.ProcessTimeout);
        if (sycl is { ExitCode: 0 } && Lines(sycl.StandardOutput).Any(l => l.Contains("level_zero:gpu", StringComparison.OrdinalIgnoreCase)))
            return info with { HasIntelXpu = true, IntelSource = "sycl-ls" };
        return info;
    }

    /// <summary><c>/sys/module/nvidia/version</c>: the bare number.</summary>
    internal static DriverVersion? ParseSysModuleVersion(string text) =>
        DriverVersion.TryParse(FirstLine(text), out var v) ? v : null;

    /// <summary>
    /// <c>/proc/driver/nvidia/version</c>: "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.104.05  Sat Aug 19 …"
    /// or "… Open Kernel Module for x86_64  570.86.15  Release Build …".
    /// </summary>
    internal static DriverVersion? ParseProcDriverVersion(string text)
    {
        var m = ProcVersionLine().Match(text);
        return m.Success && DriverVersion.TryParse(m.Groups[1].Value, out var v) ? v : null;
    }

    private static string? ReadFile(GpuProbeContext context, string path, List<string> notes, bool absolute = false)
    {
        var full = absolute ? path : context.Under(path);
        try
        {
            return File.Exists(full) ? File.ReadAllText(full) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.Add($"{path}: {e.Message}");
            return null;
        }
    }

    private static bool IsNone(string? text) => string.Equals(text?.Trim(), "none", StringComparison.OrdinalIgnoreCase);

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string FirstLine(string text) => Lines(text).FirstOrDefault() ?? "";

    [GeneratedRegex(@"Kernel Module(?:\s+for\s+\S+)?\s+(\d+\.\d+(?:\.\d+)?)\s")]
    private static partial Regex ProcVersionLine();

    [GeneratedRegex(@"^gfx[0-9a-f]+$")]
    private static partial Regex GfxName();
}
