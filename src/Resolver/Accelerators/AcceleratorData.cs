using System.Globalization;
using System.Reflection;

namespace LlmPython.Resolver.Accelerators;

/// <summary>
/// The accelerator facts tables (<c>src/Resolver/Data/*.tsv</c>, embedded as resources) parsed into typed rows.
/// The TSV files stay the source of truth: update them, and this picks the change up.
/// </summary>
public sealed class AcceleratorData
{
    public const string BackendTableFile = "cuda-driver-table.tsv";
    public const string CudaArchTableFile = "cuda-arch-list.tsv";
    public const string RocmArchTableFile = "rocm-gfx-backends.tsv";
    public const string PackageRouteFile = "torch-index-packages.txt";
    public const string TorchReleaseFile = "torch-variants.tsv";
    public const string ToolkitDriverFile = "cuda-min-driver.tsv";

    private static readonly Lazy<AcceleratorData> s_default = new(() => Load(ReadEmbedded));

    private readonly Dictionary<string, PyTorchBackend> _backendsByName;
    private readonly Dictionary<string, PyTorchPackageRoute> _routesByName;
    private readonly Dictionary<TorchReleaseNumber, TorchRelease> _releasesByVersion;

    private AcceleratorData(
        IReadOnlyList<PyTorchBackend> backends,
        IReadOnlyList<CudaArchRow> cudaArchRows,
        IReadOnlyDictionary<string, IReadOnlySet<string>> rocmArchitectures,
        IReadOnlyList<PyTorchPackageRoute> packageRoutes,
        IReadOnlyList<TorchRelease> torchReleases,
        IReadOnlyList<CudaToolkitDriverFloor> toolkitDriverFloors)
    {
        Backends = backends;
        CudaArchRows = cudaArchRows;
        RocmArchitectures = rocmArchitectures;
        PackageRoutes = packageRoutes;
        TorchReleases = torchReleases;
        ToolkitDriverFloors = toolkitDriverFloors;
        _backendsByName = backends.ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);
        _routesByName = packageRoutes.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _releasesByVersion = new Dictionary<TorchReleaseNumber, TorchRelease>();
        foreach (var r in torchReleases)
            if (TorchReleaseNumber.TryParse(r.TorchVersion, out var n)) _releasesByVersion[n] = r;
    }

    /// <summary>The tables embedded in this assembly.</summary>
    public static AcceleratorData Default => s_default.Value;

    /// <summary>Every backend of <c>cuda-driver-table.tsv</c>, in file order.</summary>
    public IReadOnlyList<PyTorchBackend> Backends { get; }

    public IReadOnlyList<CudaArchRow> CudaArchRows { get; }

    /// <summary>ROCm backend → the gfx architectures its wheels support.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> RocmArchitectures { get; }

    public IReadOnlyList<PyTorchPackageRoute> PackageRoutes { get; }

    public IReadOnlyList<TorchRelease> TorchReleases { get; }

    public IReadOnlyList<CudaToolkitDriverFloor> ToolkitDriverFloors { get; }

    public PyTorchBackend? FindBackend(string name) => _backendsByName.GetValueOrDefault(name.Trim());

    /// <summary>The route row of a package name (any spelling; PEP 503 normalized here), or null.</summary>
    public PyTorchPackageRoute? FindPackageRoute(string packageName) =>
        _routesByName.GetValueOrDefault(PyTorchFamilyCatalog.NormalizeName(packageName));

    /// <summary>The torch-variants row of a torch version (<c>2.4.0</c>, <c>2.4</c>, <c>2.4.0+cu118</c>), or null.</summary>
    public TorchRelease? FindTorchRelease(string torchVersion) =>
        TorchReleaseNumber.TryParse(torchVersion, out var n) ? _releasesByVersion.GetValueOrDefault(n) : null;

    /// <summary>
    /// The arch-list row for these wheels: backend, torch version and platform (<c>linux-x86_64</c>);
    /// null when the table has no such row.
    /// </summary>
    public CudaArchRow? FindCudaArchRow(string backend, string torchVersion, string platform) =>
        TorchReleaseNumber.TryParse(torchVersion, out var v)
            ? CudaArchRows.FirstOrDefault(r =>
                string.Equals(r.Backend, backend, StringComparison.OrdinalIgnoreCase)
                && r.Platforms.Contains(platform, StringComparer.Ordinal)
                && r.TorchVersions.Contains(v))
            : null;

    /// <summary>Parses the six tables; <paramref name="readFile"/> returns a table's text by file name.</summary>
    public static AcceleratorData Load(Func<string, string> readFile) => new(
        ParseBackends(readFile(BackendTableFile)),
        ParseCudaArchRows(readFile(CudaArchTableFile)),
        ParseRocmArchitectures(readFile(RocmArchTableFile)),
        ParsePackageRoutes(readFile(PackageRouteFile)),
        ParseTorchReleases(readFile(TorchReleaseFile)),
        ParseToolkitDriverFloors(readFile(ToolkitDriverFile)));

    /// <summary>Loads the tables from a folder (the repository's <c>src/Resolver/Data</c>, or an updated copy).</summary>
    public static AcceleratorData LoadFromDirectory(string directory) =>
        Load(file => File.ReadAllText(Path.Combine(directory, file)));

    internal static string ReadEmbedded(string file)
    {
        var name = "LlmPython.Resolver.Data." + file;
        using var stream = typeof(AcceleratorData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded table '{name}' is missing from {typeof(AcceleratorData).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal static IReadOnlyList<PyTorchBackend> ParseBackends(string text)
    {
        var t = TsvTable.Parse(BackendTableFile, text,
            "backend", "accelerator", "toolkit_version", "min_driver_linux", "min_driver_windows", "index_url", "auto_order");
        var list = new List<PyTorchBackend>();
        foreach (var (line, row) in t.Rows)
        {
            var kind = t.Cell(row, "accelerator") switch
            {
                "cuda" => AcceleratorKind.Cuda,
                "rocm" => AcceleratorKind.Rocm,
                "xpu" => AcceleratorKind.Xpu,
                "cpu" => AcceleratorKind.Cpu,
                var other => throw new FormatException($"{BackendTableFile} line {line}: unknown accelerator '{other}'."),
            };
            var toolkit = t.Cell(row, "toolkit_version");
            var order = t.Cell(row, "auto_order");
            list.Add(new PyTorchBackend(
                t.Cell(row, "backend"),
                kind,
                toolkit == "-" ? null : System.Version.Parse(toolkit),
                OptionalDriver(t.Cell(row, "min_driver_linux"), line),
                OptionalDriver(t.Cell(row, "min_driver_windows"), line),
                t.Cell(row, "index_url"),
                int.TryParse(order, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
                order));
        }
        return list;

        static DriverVersion? OptionalDriver(string cell, int line) =>
            cell == "-" ? null
            : DriverVersion.TryParse(cell, out var d) ? d
            : throw new FormatException($"{BackendTableFile} line {line}: '{cell}' is not a driver version.");
    }

    internal static IReadOnlyList<CudaArchRow> ParseCudaArchRows(string text)
    {
        var t = TsvTable.Parse(CudaArchTableFile, text, "cuda_variant", "torch_versions", "sm_archs", "platform", "ptx", "confidence");
        var list = new List<CudaArchRow>();
        foreach (var (line, row) in t.Rows)
        {
            var cubins = t.Cell(row, "sm_archs").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(ComputeCapability.Parse).ToList();
            // "linux-x86_64 (windows-x86_64 stated for 2.12-2.14 only)": only the unqualified list counts.
            var platforms = BeforeParenthesis(t.Cell(row, "platform"))
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            var ptxCell = t.Cell(row, "ptx");
            var ptxToken = BeforeParenthesis(ptxCell);
            // PTX the table marks UNCONFIRMED is not relied on: a GPU would be declared supported on a guess.
            ComputeCapability? ptx = ptxToken == "none" || ptxCell.Contains("UNCONFIRMED", StringComparison.Ordinal) ? null
                : ComputeCapability.TryParse(ptxToken, out var p) ? p
                : throw new FormatException($"{CudaArchTableFile} line {line}: ptx '{ptxCell}' is neither 'none' nor compute_NN.");
            list.Add(new CudaArchRow(
                t.Cell(row, "cuda_variant"),
                TorchVersionRange.Parse(t.Cell(row, "torch_versions")),
                cubins,
                platforms,
                ptx,
                ptxCell.Contains("Linux only", StringComparison.OrdinalIgnoreCase),
                t.Cell(row, "confidence")));
        }
        return list;
    }

    internal static IReadOnlyDictionary<string, IReadOnlySet<string>> ParseRocmArchitectures(string text)
    {
        var t = TsvTable.Parse(RocmArchTableFile, text, "backend", "gpu_architecture");
        var map = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, row) in t.Rows)
        {
            var gfx = t.Cell(row, "gpu_architecture");
            if (!gfx.StartsWith("gfx", StringComparison.Ordinal))
                throw new FormatException($"{RocmArchTableFile} line {line}: '{gfx}' is not a gfx architecture.");
            var backend = t.Cell(row, "backend");
            if (!map.TryGetValue(backend, out var set)) map[backend] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            set.Add(gfx);
        }
        return map.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value, StringComparer.OrdinalIgnoreCase);
    }

    internal static IReadOnlyList<PyTorchPackageRoute> ParsePackageRoutes(string text)
    {
        var t = TsvTable.Parse(PackageRouteFile, text, "package", "routed_with_pytorch_source", "routed_with_pyx_source", "has_system_dependency");
        return t.Rows.Select(r => new PyTorchPackageRoute(
            PyTorchFamilyCatalog.NormalizeName(t.Cell(r.Cells, "package")),
            YesNo(t.Cell(r.Cells, "routed_with_pytorch_source"), r.Line),
            YesNo(t.Cell(r.Cells, "routed_with_pyx_source"), r.Line),
            YesNo(t.Cell(r.Cells, "has_system_dependency"), r.Line))).ToList();

        static bool YesNo(string cell, int line) => cell switch
        {
            "yes" => true,
            "no" => false,
            _ => throw new FormatException($"{PackageRouteFile} line {line}: '{cell}' is not yes or no."),
        };
    }

    internal static IReadOnlyList<TorchRelease> ParseTorchReleases(string text)
    {
        var t = TsvTable.Parse(TorchReleaseFile, text, "torch_version", "torchvision", "torchaudio", "variants", "pypi_default_cuda");
        var list = new List<TorchRelease>();
        foreach (var (line, row) in t.Rows)
        {
            var torch = t.Cell(row, "torch_version");
            if (!TorchReleaseNumber.TryParse(torch, out _))
                throw new FormatException($"{TorchReleaseFile} line {line}: '{torch}' is not a torch version.");
            var unconfirmed = row.Take(6).Any(c => c.Contains("UNCONFIRMED", StringComparison.Ordinal));
            var variants = BeforeParenthesis(t.Cell(row, "variants"));
            list.Add(new TorchRelease(
                torch,
                CompanionVersion(t.Cell(row, "torchvision")),
                CompanionVersion(t.Cell(row, "torchaudio")),
                variants == "UNCONFIRMED" ? [] : variants.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                t.Cell(row, "pypi_default_cuda") is var d && d.StartsWith("cu", StringComparison.Ordinal) ? d : null,
                unconfirmed));
        }
        return list;

        // "0.29.0 (UNCONFIRMED)" → 0.29.0; "none (latest torchaudio 2.11.0)" and "UNCONFIRMED" → null.
        static string? CompanionVersion(string cell)
        {
            var v = BeforeParenthesis(cell);
            return TorchReleaseNumber.TryParse(v, out _) ? v : null;
        }
    }

    internal static IReadOnlyList<CudaToolkitDriverFloor> ParseToolkitDriverFloors(string text)
    {
        var t = TsvTable.Parse(ToolkitDriverFile, text, "cuda_version", "linux_min_driver", "windows_min_driver", "notes");
        return t.Rows.Select(r => new CudaToolkitDriverFloor(
            t.Cell(r.Cells, "cuda_version"),
            Floor(t.Cell(r.Cells, "linux_min_driver")),
            Floor(t.Cell(r.Cells, "windows_min_driver")),
            t.Cell(r.Cells, "notes"))).ToList();

        // ">=525.60.13" → 525.60.13; "N/A", "UNCONFIRMED" → null.
        static DriverVersion? Floor(string cell)
        {
            var v = BeforeParenthesis(cell);
            if (v.StartsWith(">=", StringComparison.Ordinal)) v = v[2..];
            return DriverVersion.TryParse(v, out var d) ? d : null;
        }
    }

    private static string BeforeParenthesis(string cell)
    {
        var i = cell.IndexOf('(');
        return (i >= 0 ? cell[..i] : cell).Trim();
    }
}
