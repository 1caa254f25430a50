using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Restore;
using Microsoft.Build.Framework;

namespace LlmPython.Tasks;

/// <summary>
/// The inputs every engine-backed task shares (the items and properties of DESIGN.md §2) and
/// their translation into a <see cref="RestoreRequest"/>.
/// </summary>
public abstract class RestoreTaskBase : LlmPythonTask
{
    /// <summary>
    /// The <c>_PythonRestoreSettings</c> item: Include = the project (MSBuildProjectFullPath), one metadata per row of
    /// <see cref="RestoreSettingTable"/> (PythonVersion, PythonLockFile, RestoreConfigFile, ...).
    /// </summary>
    [Required] public ITaskItem RestoreSettings { get; set; } = null!;

    public ITaskItem[] PythonPackages { get; set; } = [];
    public ITaskItem[] PythonIndexes { get; set; } = [];
    public ITaskItem[] PythonFindLinks { get; set; } = [];
    public ITaskItem[] PythonConstraints { get; set; } = [];
    /// <summary>PythonRequirementsFile items: pip requirements files, read by the engine.</summary>
    public ITaskItem[] PythonRequirementsFiles { get; set; } = [];
    /// <summary>PythonProject items: pyproject.toml files (metadata Extras), read by the engine.</summary>
    public ITaskItem[] PythonProjects { get; set; } = [];

    /// <summary>The project whose environment this is.</summary>
    public string ProjectPath => RestoreSettings?.ItemSpec ?? "";

    /// <summary>A setting's text as the targets passed it (null when empty).</summary>
    internal string? Setting(string property) => RestoreSettingTable.Value(RestoreSettings, property);

    /// <summary>Diagnostics point at the project, not at the .targets file that runs the task.</summary>
    protected override string ProjectFile => string.IsNullOrEmpty(ProjectPath) ? base.ProjectFile : Path.GetFullPath(ProjectPath);

    private string ProjectDirectory => Path.GetDirectoryName(Path.GetFullPath(ProjectPath)) ?? Directory.GetCurrentDirectory();

    /// <summary>How this project's setting texts are read (relative paths against its folder).</summary>
    private protected RestoreSettingContext SettingContext => new(ProjectDirectory);

    /// <summary>Builds the engine request; throws <see cref="LlmPyException"/> for malformed items.</summary>
    protected internal RestoreRequest BuildRequest(bool lockOnly = false)
    {
        // Items flowed from referenced projects repeat the project's own: the first declaration of each wins (order matters: first index).
        var indexes = PythonIndexes.Select(ToIndex).Distinct().ToList();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var index in indexes.Where(i => !string.IsNullOrEmpty(i.Name)))
        {
            if (!names.Add(index.Name!))
                throw new LlmPyException(DiagnosticCodes.Inputs.DuplicateIndexName,
                    $"Two PythonIndex items are named '{index.Name}'. Give each PythonIndex a unique Name.");
        }

        var packages = PythonPackages.Select(ToPackage).ToList();
        foreach (var package in packages.Where(p => !string.IsNullOrEmpty(p.Index)))
        {
            if (!names.Contains(package.Index!))
                throw new LlmPyException(DiagnosticCodes.Inputs.UnknownIndexName,
                    $"PythonPackage '{package.Include}' has Index=\"{package.Index}\" but no PythonIndex item has Name=\"{package.Index}\". " +
                    $"Add <PythonIndex Include=\"https://...\" Name=\"{package.Index}\" /> or fix the Index metadata.")
                { PackageName = package.Include };
        }

        var request = new RestoreRequest
        {
            ProjectPath = Path.GetFullPath(ProjectPath),
            Packages = packages,
            Indexes = indexes,
            FindLinks = PythonFindLinks.Select(ToFindLinks).Distinct(StringComparer.Ordinal).ToList(),
            Constraints = PythonConstraints.Select(ToConstraint).Distinct().ToList(),
            DeclaredMetadata = DeclaredItemMetadata.Of(this),
            RequirementsFiles = PythonRequirementsFiles.Select(i => ToFilePath(i, "PythonRequirementsFile")).Distinct(StringComparer.Ordinal).ToList(),
            Projects = PythonProjects.Select(i => new ProjectFileItem(ToFilePath(i, "PythonProject"), Metadata(i, "Extras"))).Distinct().ToList(),
            LockFilePath = "",
            EnvironmentDirectory = "",
            LockOnly = lockOnly,
        };
        return RestoreSettingTable.Apply(request, RestoreSettings, SettingContext);
    }

    protected override (string File, int Line) Locate(string? packageName)
    {
        if (string.IsNullOrEmpty(packageName))
            return (ProjectFile, 0);
        string wanted = ProjectItemLocator.Normalize(packageName!);
        var item = PythonPackages.FirstOrDefault(i => ProjectItemLocator.ProjectOf(i.ItemSpec) == wanted);
        string file = item is null ? ProjectFile : DefiningProject(item) ?? ProjectFile;
        return (file, ProjectItemLocator.FindLine(file, packageName!));
    }

    private PackageItem ToPackage(ITaskItem item)
    {
        string include = item.ItemSpec.Trim();
        if (include.Length == 0)
            throw new LlmPyException(DiagnosticCodes.Inputs.EmptyInclude,
                "A PythonPackage item has an empty Include. Set Include to a package name or to the path of a .whl file.");
        string? definingProject = DefiningProject(item);
        // A local wheel is relative to the file that declared it (a library's item keeps working in the app).
        if (include.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) && !IsUrl(include))
            include = Path.GetFullPath(include, BaseDirectory(item));
        return new PackageItem(
            include,
            Version: Metadata(item, "Version"),
            Extras: Metadata(item, "Extras"),
            Cuda: Metadata(item, "Cuda"),
            Index: Metadata(item, "Index"),
            NoDeps: Bool(item, "NoDeps", "PythonPackage"),
            Markers: Metadata(item, "Markers"),
            PrivateAssets: string.Equals(Metadata(item, "PrivateAssets"), "all", StringComparison.OrdinalIgnoreCase),
            DefiningProject: definingProject)
        {
            AllowSourceBuild = Bool(item, "AllowSourceBuild", "PythonPackage"),
            BuildRequires = Metadata(item, "BuildRequires"),
            BuildIsolation = !string.Equals(Metadata(item, "BuildIsolation"), "false", StringComparison.OrdinalIgnoreCase),
            BuildSettings = Metadata(item, "BuildSettings"),
        };
    }

    private IndexItem ToIndex(ITaskItem item)
    {
        string url = item.ItemSpec.Trim();
        if (url.Length == 0)
            throw new LlmPyException(DiagnosticCodes.Inputs.EmptyInclude,
                "A PythonIndex item has an empty Include. Set Include to the index URL (PEP 503 simple or PEP 691 JSON).");
        if (!IsUrl(url))
            url = Path.GetFullPath(url, BaseDirectory(item));
        return new IndexItem(url, Metadata(item, "Name"), Bool(item, "Explicit", "PythonIndex"));
    }

    private string ToFindLinks(ITaskItem item)
    {
        string location = item.ItemSpec.Trim();
        if (location.Length == 0)
            throw new LlmPyException(DiagnosticCodes.Inputs.EmptyInclude,
                "A PythonFindLinks item has an empty Include. Set Include to an HTML page URL or a local folder of wheels.");
        return IsUrl(location) ? location : Path.GetFullPath(location, BaseDirectory(item));
    }

    /// <summary>A requirements file or pyproject.toml: relative to the file that declared the item.</summary>
    internal string ToFilePath(ITaskItem item, string itemType)
    {
        string path = item.ItemSpec.Trim();
        if (path.Length == 0)
            throw new LlmPyException(DiagnosticCodes.Inputs.EmptyInclude,
                $"A {itemType} item has an empty Include. Set Include to the path of the file.");
        return Path.GetFullPath(path, BaseDirectory(item));
    }

    private static ConstraintItem ToConstraint(ITaskItem item)
    {
        string? version = Metadata(item, "Version");
        if (version is null)
            throw new LlmPyException(DiagnosticCodes.Inputs.ConstraintWithoutVersion,
                $"PythonConstraint '{item.ItemSpec}' has no Version. Add Version=\"<specifier>\" (for example \"<5\" or \"==2.4.0\").")
            { PackageName = item.ItemSpec };
        return new ConstraintItem(item.ItemSpec.Trim(), version);
    }

    // Items forwarded from referenced projects carry their origin explicitly (built-in metadata is re-derived on return).
    internal static string? DefiningProject(ITaskItem item)
        => Metadata(item, "LlmPythonDefiningProject") ?? Metadata(item, "DefiningProjectFullPath");

    private string BaseDirectory(ITaskItem item)
        => DefiningProject(item) is { } p ? Path.GetDirectoryName(p) ?? ProjectDirectory : ProjectDirectory;

    private static bool Bool(ITaskItem item, string name, string itemType)
    {
        string? value = Metadata(item, name);
        if (value is null || value.Equals("false", StringComparison.OrdinalIgnoreCase))
            return false;
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
            return true;
        throw new LlmPyException(DiagnosticCodes.Inputs.InvalidBooleanMetadata,
            $"{itemType} '{item.ItemSpec}' has {name}=\"{value}\"; use \"true\" or \"false\".") { PackageName = item.ItemSpec };
    }

    private static string? Metadata(ITaskItem item, string name) => NullIfEmpty(item.GetMetadata(name)?.Trim());

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s!.Trim();

    internal static bool IsUrl(string s) => s.Contains("://", StringComparison.Ordinal);
}
