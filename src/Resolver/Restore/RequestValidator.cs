using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Distributions;
using LlmPython.Resolver.Indexes;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Restore;

/// <summary>
/// The one place a restore's declared inputs are checked and normalized, before anything else runs (interpreter
/// discovery, backend choice, any index): PythonPackage items become root requirements and normalized items
/// (PEP 503 names, normalized specifiers, extras and markers, lower-case backends, the declared spelling of index
/// names), constraints and sources are checked, unknown item metadata is warned about. Each mistake has one code,
/// naming the item and saying what to write instead. Items for the same package (a project and the libraries it
/// references) are merged: specifiers intersect, extras unite, NoDeps only if every item says so.
/// </summary>
public static class RequestValidator
{
    private static readonly char[] ExtraSeparators = [';', ','];

    /// <summary>Checks <paramref name="request"/> and returns it normalized, with its root requirements; warnings go to <paramref name="log"/>.</summary>
    public static ValidatedRequest Validate(RestoreRequest request, Func<string, bool> isKnownBackend, IRestoreLog? log = null)
    {
        if (log is not null)
            ItemMetadataCheck.Warn(request.DeclaredMetadata, log);
        var projectDir = Path.GetDirectoryName(Path.GetFullPath(request.ProjectPath)) ?? ".";
        SourceValidator.CheckSources(request);
        var indexNames = request.Indexes.Where(i => !string.IsNullOrEmpty(i.Name))
            .GroupBy(i => i.Name!.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Key, StringComparer.OrdinalIgnoreCase);
        var merged = new Dictionary<PackageName, RootRequirement>();
        var packages = new List<PackageItem>(request.Packages.Count);
        foreach (var item in request.Packages)
        {
            var (root, normalized) = ValidateItem(item, projectDir, request.ProjectPath, indexNames, isKnownBackend);
            packages.Add(normalized);
            merged[root.Name] = merged.TryGetValue(root.Name, out var earlier) ? Merge(earlier, root) : root;
        }
        var normalizedRequest = request with
        {
            Packages = packages,
            Constraints = request.Constraints.Select(c => NormalizeConstraint(c, request.ProjectPath)).ToList(),
            PythonCuda = NormalizeProjectCuda(request.PythonCuda, isKnownBackend),
        };
        return new ValidatedRequest(normalizedRequest, merged.Values.OrderBy(r => r.Name).ToList());
    }

    /// <summary>"2.4.0" means ==2.4.0; "" means any; anything else must be a satisfiable specifier set (LLMPY0100/0102).</summary>
    public static string NormalizeVersion(string? version, string package) =>
        PackageVersionConstraint.Parse(package, version).ToString();

    /// <summary>A PythonConstraint: a valid name (LLMPY0028) and specifier, both normalized.</summary>
    private static ConstraintItem NormalizeConstraint(ConstraintItem constraint, string project)
    {
        var name = constraint.Name.Trim();
        if (!PackageName.IsValid(name))
            throw new LlmPyException(DiagnosticCodes.Inputs.InvalidConstraint,
                $"PythonConstraint '{constraint.Name}' is not a valid package name. Fix it in {project}.") { PackageName = constraint.Name };
        var normalized = PackageName.Normalize(name);
        return constraint with { Name = normalized, Version = NormalizeVersion(constraint.Version, normalized) };
    }

    /// <summary>PythonCuda: auto or a backend name, lower-case (LLMPY0023 otherwise).</summary>
    private static string NormalizeProjectCuda(string? value, Func<string, bool> isKnownBackend)
    {
        var cuda = string.IsNullOrWhiteSpace(value) ? "auto" : value.Trim().ToLowerInvariant();
        if (cuda != "auto" && !isKnownBackend(cuda))
            throw new LlmPyException(DiagnosticCodes.Inputs.UnknownBackend,
                $"PythonCuda is \"{value}\", which is not a known backend. Use auto, cpu, a CUDA backend such as cu118, cu121, cu124, cu126, cu128, a ROCm backend such as rocm6.2, or xpu.");
        return cuda;
    }

    private static (RootRequirement Root, PackageItem Normalized) ValidateItem(PackageItem item, string projectDir, string requestProject,
        IReadOnlyDictionary<string, string> indexNames, Func<string, bool> isKnownBackend)
    {
        var project = item.DefiningProject ?? requestProject;
        var include = item.Include.Trim();
        string? localWheel = null;
        string name;
        string? referencedName = null;
        // PEP 508 direct reference: "flash-attn @ https://…/flash_attn-….whl#sha256=…".
        if (include.Contains('@') && Requirement.TryParse(include, out var direct) && direct!.Url is { } directUrl)
        {
            referencedName = direct.NormalizedName.Value;
            include = directUrl;
        }
        if (DirectWheel.IsDirectReference(include))
        {
            var isUrl = include.Contains("://", StringComparison.Ordinal);
            localWheel = isUrl ? include : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project) ?? projectDir, include));
            if (!isUrl && !File.Exists(localWheel))
                throw new LlmPyException(DiagnosticCodes.Inputs.LocalWheelNotFound,
                    $"PythonPackage '{include}' points to a wheel that does not exist ({localWheel}). Check the path in {project}; relative paths are relative to the project folder.")
                { PackageName = include };
            var fileName = Uri.UnescapeDataString(isUrl ? new Uri(include).Segments[^1] : Path.GetFileName(localWheel));
            if (!WheelFileName.TryParse(fileName, out var wheel))
                throw new LlmPyException(DiagnosticCodes.Inputs.InvalidPackageName,
                    $"PythonPackage '{include}' is not a valid wheel file name (name-version[-build]-python-abi-platform.whl). Rename the file or fix the path in {project}.")
                { PackageName = include };
            name = wheel.Name.Value;
            if (referencedName is not null && referencedName != name)
                throw new LlmPyException(DiagnosticCodes.Inputs.InvalidDirectReference,
                    $"PythonPackage '{item.Include}' names '{referencedName}', but the wheel {fileName} is a file of '{name}'. Fix the name before '@' or the URL in {project}.")
                { PackageName = referencedName };
        }
        else if (referencedName is not null)
            throw new LlmPyException(DiagnosticCodes.Inputs.InvalidDirectReference,
                $"PythonPackage '{item.Include}' is a direct reference to '{include}', which is not a wheel (.whl). Point it at a wheel file, or name the package and let the indexes serve it, in {project}.")
            { PackageName = referencedName };
        else
        {
            if (!PackageName.IsValid(include))
                throw new LlmPyException(DiagnosticCodes.Inputs.InvalidPackageName,
                    $"PythonPackage '{include}' is not a valid Python package name (letters, digits, '-', '_' and '.', starting and ending with a letter or digit). Fix the Include in {project}; a wheel file must end in .whl.")
                { PackageName = include };
            name = PackageName.Normalize(include);
        }

        var extras = (item.Extras ?? "").Split(ExtraSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var extra in extras)
            if (!PackageName.IsValid(extra))
                throw new LlmPyException(DiagnosticCodes.Inputs.InvalidExtras,
                    $"PythonPackage '{include}' asks for extra '{extra}', which is not a valid extra name. Separate extras with ';' or ',' in {project}.")
                { PackageName = name };

        var normalizedExtras = extras.Select(PackageName.Normalize).Distinct().Order(StringComparer.Ordinal).ToList();
        var specifier = localWheel is null ? NormalizeVersion(item.Version, name) : "";
        var text = name + (normalizedExtras.Count > 0 ? "[" + string.Join(",", normalizedExtras) + "]" : "") + specifier;
        string? markers = null;
        if (!string.IsNullOrWhiteSpace(item.Markers))
        {
            try { markers = Marker.Parse(item.Markers).ToString(); }
            catch (FormatException e)
            {
                throw new LlmPyException(DiagnosticCodes.Inputs.InvalidMarkers,
                    $"PythonPackage '{include}' has Markers=\"{item.Markers}\", which is not a PEP 508 marker ({e.Message}). Example: sys_platform == 'linux' and python_version >= '3.10'. Fix it in {project}.", e)
                { PackageName = name };
            }
            text += " ; " + markers;
        }

        string? cuda = string.IsNullOrWhiteSpace(item.Cuda) ? null : item.Cuda.Trim().ToLowerInvariant();
        if (cuda is not null && cuda != "auto" && !isKnownBackend(cuda))
            throw new LlmPyException(DiagnosticCodes.Inputs.UnknownBackend,
                $"PythonPackage '{include}' has Cuda=\"{item.Cuda}\", which is not a known backend. Use auto, cpu, a CUDA backend such as cu118, cu121, cu124, cu126, cu128, a ROCm backend such as rocm6.2, or xpu, in {project}.")
            { PackageName = name };

        string? index = null;
        if (!string.IsNullOrWhiteSpace(item.Index) && !indexNames.TryGetValue(item.Index.Trim(), out index))
            throw new LlmPyException(DiagnosticCodes.Inputs.UnknownIndexName,
                $"PythonPackage '{include}' names Index=\"{item.Index.Trim()}\", but no PythonIndex item has Name=\"{item.Index.Trim()}\". Add <PythonIndex Include=\"https://…/simple\" Name=\"{item.Index.Trim()}\" /> or fix the name in {project}."
                + (indexNames.Count > 0 ? " Known indexes: " + string.Join(", ", indexNames.Values.Order(StringComparer.Ordinal)) + "." : ""))
            { PackageName = name };

        var root = new RootRequirement(PackageName.Parse(name), Requirement.Parse(text), localWheel, cuda, index, item.NoDeps, project);
        // What the lock's inputs hash and every later step read: the same request however it was spelled.
        var normalized = item with
        {
            Include = localWheel is not null ? (referencedName is null ? item.Include.Trim() : name + " @ " + include) : name,
            Version = specifier.Length > 0 ? specifier : null,
            Extras = normalizedExtras.Count > 0 ? string.Join(",", normalizedExtras) : null,
            Cuda = cuda,
            Index = index,
            Markers = markers,
        };
        return (root, normalized);
    }

    private static RootRequirement Merge(RootRequirement a, RootRequirement b)
    {
        if (a.Cuda is not null && b.Cuda is not null && a.Cuda != b.Cuda || !string.Equals(a.IndexName, b.IndexName, StringComparison.OrdinalIgnoreCase) && a.IndexName is not null && b.IndexName is not null)
            throw new LlmPyException(DiagnosticCodes.Inputs.ConflictingDeclarations,
                $"PythonPackage '{a.Name}' is declared in {a.DefiningProject} and in {b.DefiningProject} with different Cuda or Index metadata ({a.Cuda ?? "default"}/{a.IndexName ?? "default"} vs {b.Cuda ?? "default"}/{b.IndexName ?? "default"}). Make them agree, or set it only in the app project.")
            { PackageName = a.Name.Value };
        var spec = string.Join(",", new[] { a.Requirement.Specifier.ToString(), b.Requirement.Specifier.ToString() }.Where(s => s.Length > 0).Distinct());
        var extras = a.Requirement.Extras.Union(b.Requirement.Extras).Order(StringComparer.Ordinal).ToList();
        // A marker on only one declaration does not restrict the other: the merged item applies everywhere.
        var marker = a.Requirement.Marker is not null && b.Requirement.Marker is not null && a.Requirement.Marker.ToString() == b.Requirement.Marker.ToString()
            ? " ; " + a.Requirement.Marker : "";
        var text = a.Name.Value + (extras.Count > 0 ? "[" + string.Join(",", extras) + "]" : "") + spec + marker;
        return a with
        {
            Requirement = Requirement.Parse(text),
            LocalWheel = a.LocalWheel ?? b.LocalWheel,
            Cuda = a.Cuda ?? b.Cuda,
            IndexName = a.IndexName ?? b.IndexName,
            NoDeps = a.NoDeps && b.NoDeps,
        };
    }
}
