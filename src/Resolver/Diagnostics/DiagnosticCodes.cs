namespace LlmPython.Resolver.Diagnostics;

/// <summary>
/// Every LLMPY code the SDK reports (errors and warnings, engine and MSBuild tasks), one nested class per area.
/// </summary>
/// <remarks>
/// <para>
/// Like NuGet's <c>NuGetLogCode</c> (NU1000–NU1999 restore, NU5000–NU5999 pack, …), the number tells the area; each
/// nested class declares its range with <see cref="CodeRangeAttribute"/> and a unit test keeps every code inside it:
/// </para>
/// <list type="table">
/// <item><term>0001–0069</term><description>the build and what the project declares: items, metadata, properties (0001–0019 checked by the tasks, 0020–0049 by the engine's request check, 0060–0069 pack and packages flowing through NuGet)</description></item>
/// <item><term>0070–0099</term><description>requirements files and pyproject.toml (<c>PythonRequirementsFile</c>, <c>PythonProject</c>)</description></item>
/// <item><term>0100–0199</term><description>standards: versions and specifiers (0100–0129), requirements and markers (0130–0159), tags and targets (0160–0199)</description></item>
/// <item><term>0200–0299</term><description>interpreter discovery</description></item>
/// <item><term>0300–0399</term><description>HTTP, package indexes and find-links</description></item>
/// <item><term>0400–0499</term><description>resolution</description></item>
/// <item><term>0500–0599</term><description>GPU detection and PyTorch backend choice</description></item>
/// <item><term>0600–0659</term><description>the lockfile (0640: the build phase reading it)</description></item>
/// <item><term>0660–0679</term><description><c>PythonExport</c> (0680–0699 free)</description></item>
/// <item><term>0700–0759</term><description>cache, downloads and hashes: whatever fetches, stores or checks a file</description></item>
/// <item><term>0760–0779</term><description>wheel builds from source distributions (0780–0799 free)</description></item>
/// <item><term>0800–0899</term><description>installer and virtual environment</description></item>
/// <item><term>0900–0999</term><description>publish (0900–0909 raised by the publish task)</description></item>
/// </list>
/// <para>
/// A code keeps its number and meaning for ever: tests and scripts outside this repository match on it. A code that
/// duplicated another is retired, not deleted: it stays here <see cref="ObsoleteAttribute"/> (named <c>Retired…</c>,
/// never raised) so its number is never given another meaning. docs/diagnostics.md is generated from this file
/// (<c>python3 docs/make-diagnostics.py</c>).
/// </para>
/// </remarks>
public static class DiagnosticCodes
{
    /// <summary>The build and what the project declares: items, metadata, properties.</summary>
    [CodeRange(1, 69)]
    public static class Inputs
    {
        /// <summary>An unexpected exception escaped the engine or a task (a bug); the stack is logged at low importance.</summary>
        public const string InternalError = "LLMPY0001";
        /// <summary>The engine does not implement the requested operation in this version of the SDK.</summary>
        public const string NotImplemented = "LLMPY0002";
        /// <summary>A value in the project (a version, a marker, a name) could not be parsed.</summary>
        public const string InvalidValue = "LLMPY0003";
        /// <summary>A PythonPackage names, with <c>Index=</c>, a PythonIndex that no item declares.</summary>
        public const string UnknownIndexName = "LLMPY0004";
        /// <summary>A PythonConstraint item has no <c>Version</c> metadata.</summary>
        public const string ConstraintWithoutVersion = "LLMPY0005";
        /// <summary>Boolean metadata (<c>NoDeps</c>, <c>Explicit</c>) holds something other than true/false.</summary>
        public const string InvalidBooleanMetadata = "LLMPY0006";
        /// <summary>A PythonPackage, PythonIndex or PythonFindLinks item has an empty Include.</summary>
        public const string EmptyInclude = "LLMPY0007";
        /// <summary>The PythonWhy target ran without <c>-p:Package=name</c>.</summary>
        public const string WhyWithoutPackage = "LLMPY0008";
        /// <summary>Two PythonIndex items share one <c>Name</c>.</summary>
        public const string DuplicateIndexName = "LLMPY0009";
        /// <summary>A PythonPackage Include is neither a valid project name nor a .whl path/URL.</summary>
        public const string InvalidPackageName = "LLMPY0020";
        /// <summary>An Extras metadata value holds an invalid extra name.</summary>
        public const string InvalidExtras = "LLMPY0022";
        /// <summary>A Cuda metadata value or PythonCuda names no known backend.</summary>
        public const string UnknownBackend = "LLMPY0023";
        /// <summary>Retired: an Index metadata value names no PythonIndex item (now LLMPY0004).</summary>
        [Obsolete("Retired: an unknown Index= name is LLMPY0004 (Inputs.UnknownIndexName).")]
        public const string RetiredUnknownIndexName = "LLMPY0024";
        /// <summary>A Markers metadata value is not a PEP 508 marker.</summary>
        public const string InvalidMarkers = "LLMPY0025";
        /// <summary>The same package is declared twice with different Cuda or Index values.</summary>
        public const string ConflictingDeclarations = "LLMPY0026";
        /// <summary>A local wheel item does not exist.</summary>
        public const string LocalWheelNotFound = "LLMPY0027";
        /// <summary>A PythonConstraint is invalid.</summary>
        public const string InvalidConstraint = "LLMPY0028";
        /// <summary>Cuda set on a package that is not served by the PyTorch index (ignored).</summary>
        public const string CudaOnNonPyTorchPackage = "LLMPY0029";
        /// <summary>Retired, never raised: a PythonIndex or PythonFindLinks value is not a URL or existing folder (LLMPY0305, LLMPY0307 report it).</summary>
        [Obsolete("Retired, never raised: a bad index or find-links source is LLMPY0305 (Http.LocalSourceMissing) or LLMPY0307 (Http.UnsupportedUrl).")]
        public const string RetiredInvalidSource = "LLMPY0030";
        /// <summary>Packages of the resolution have only source distributions and building them is not allowed; lists every one and the property to set.</summary>
        public const string SourceBuildUnsupported = "LLMPY0031";
        /// <summary>A direct reference (<c>name @ URL</c>) names a file of another project, or a URL that is not a wheel.</summary>
        public const string InvalidDirectReference = "LLMPY0032";
        /// <summary><c>PythonSelfContained</c> is neither <c>true</c> nor <c>false</c>.</summary>
        public const string InvalidSelfContained = "LLMPY0040";
        /// <summary>Warning: a Python item has metadata LlmPython.Sdk does not know (a typo such as <c>Versoin</c>); names the nearest known one.</summary>
        public const string UnknownItemMetadata = "LLMPY0042";
        /// <summary>A restore setting on <c>_PythonRestoreSettings</c> is malformed: a boolean property that is not true/false, a required path that is empty.</summary>
        public const string InvalidSetting = "LLMPY0050";
        /// <summary><c>dotnet pack</c>: a flowing PythonPackage, PythonIndex or PythonFindLinks is a local path, which a NuGet package cannot carry.</summary>
        public const string PackLocalPythonSource = "LLMPY0060";
        /// <summary>A referenced NuGet package declares Python packages, but the project does not use LlmPython.Sdk (warning).</summary>
        public const string PackageNeedsLlmPythonSdk = "LLMPY0061";
    }

    /// <summary>Requirements files and pyproject.toml (PythonRequirementsFile, PythonProject items).</summary>
    [CodeRange(70, 99)]
    public static class ProjectFiles
    {
        /// <summary>A PythonRequirementsFile, PythonProject, or a file it includes with <c>-r</c>/<c>-c</c>, does not exist or cannot be read.</summary>
        public const string FileNotFound = "LLMPY0070";
        /// <summary>A requirements file line is not a PEP 508 requirement, a wheel path/URL or a known option.</summary>
        public const string InvalidLine = "LLMPY0071";
        /// <summary>A requirements file uses a pip option this SDK does not support (<c>-e</c>, <c>--no-binary</c>, <c>--no-index</c>, …).</summary>
        public const string UnsupportedOption = "LLMPY0072";
        /// <summary><c>${VAR}</c> in a requirements file names an environment variable that is not set.</summary>
        public const string UndefinedVariable = "LLMPY0073";
        /// <summary><c>-r</c>/<c>-c</c> files include each other in a cycle.</summary>
        public const string IncludeCycle = "LLMPY0074";
        /// <summary>A <c>--hash</c> value is not <c>sha256:&lt;64 hex digits&gt;</c>.</summary>
        public const string InvalidHash = "LLMPY0075";
        /// <summary>The locked file of a package whose requirement lists <c>--hash</c> values has a sha256 that is not listed: it is refused.</summary>
        public const string HashNotListed = "LLMPY0076";
        /// <summary>Two requirements files (or a file and a pyproject) set different <c>--index-url</c>s.</summary>
        public const string ConflictingIndexUrl = "LLMPY0077";
        /// <summary><c>name @ url</c> points at something other than a wheel (an sdist, a VCS URL, a folder).</summary>
        public const string UnsupportedUrl = "LLMPY0078";
        /// <summary>A constraints file line has extras, a URL or a marker, which a PythonConstraint cannot carry.</summary>
        public const string InvalidConstraintLine = "LLMPY0079";
        /// <summary>pyproject.toml is not valid TOML.</summary>
        public const string InvalidToml = "LLMPY0080";
        /// <summary>pyproject.toml has no <c>[project]</c> table, or a field of it has the wrong type or declares dependencies <c>dynamic</c>.</summary>
        public const string InvalidProjectTable = "LLMPY0081";
        /// <summary>PythonProject <c>Extras</c> names an extra that <c>[project.optional-dependencies]</c> does not define.</summary>
        public const string UnknownProjectExtra = "LLMPY0082";
        /// <summary>The interpreter does not satisfy the <c>requires-python</c> of a PythonProject.</summary>
        public const string RequiresPythonNotMet = "LLMPY0083";
        /// <summary>A <c>[[tool.uv.index]]</c> entry or a <c>[tool.uv.sources]</c> entry is malformed or of a kind this SDK does not support (git, path, url, workspace).</summary>
        public const string UnsupportedUvSource = "LLMPY0084";
    }

    /// <summary>Standards: versions and specifiers (0100–0129), requirements and markers (0130–0159), tags and targets (0160–0199).</summary>
    [CodeRange(100, 199)]
    public static class Standards
    {
        /// <summary>A package's Version metadata is not a valid PEP 440 specifier set.</summary>
        public const string InvalidSpecifier = "LLMPY0100";
        /// <summary>A version string (item metadata, lockfile, pin) is not a valid PEP 440 version.</summary>
        public const string InvalidVersion = "LLMPY0101";
        /// <summary>A package's specifier set can never be satisfied (e.g. <c>&gt;=2,&lt;1</c>).</summary>
        public const string UnsatisfiableSpecifier = "LLMPY0102";
        /// <summary>A marker compares values in a way PEP 508 leaves undefined (e.g. <c>~=</c> on a non-version, a set on the left).</summary>
        public const string UndefinedMarkerComparison = "LLMPY0130";
        /// <summary>A marker names an environment variable the target environment does not define.</summary>
        public const string UndefinedMarkerVariable = "LLMPY0131";
        /// <summary>A publish runtime identifier that no Python platform tag set is known for.</summary>
        public const string UnknownRuntimeIdentifier = "LLMPY0160";
        /// <summary>A described target whose Python version or platform facts cannot be used.</summary>
        public const string InvalidTargetDescription = "LLMPY0161";
    }

    /// <summary>Interpreter discovery.</summary>
    [CodeRange(200, 299)]
    public static class Interpreters
    {
        /// <summary>No interpreter found on PATH, in pyenv or through the py launcher matches PythonVersion.</summary>
        public const string NoMatchingInterpreter = "LLMPY0200";
        /// <summary>PythonExecutable names a file that does not exist.</summary>
        public const string ExecutableNotFound = "LLMPY0201";
        /// <summary>The interpreter could not be run, or its answer to the probe could not be read.</summary>
        public const string ProbeFailed = "LLMPY0202";
        /// <summary>PythonExecutable's version is not the requested PythonVersion.</summary>
        public const string ExecutableVersionMismatch = "LLMPY0203";
        /// <summary>PythonVersion is not of the form 3.11 or 3.11.7.</summary>
        public const string InvalidPythonVersion = "LLMPY0204";
    }

    /// <summary>HTTP, package indexes and find-links.</summary>
    [CodeRange(300, 399)]
    public static class Http
    {
        /// <summary>A request still failed (5xx, timeout, connection reset) after every retry.</summary>
        public const string RequestFailed = "LLMPY0300";
        /// <summary>A server refused a request (401/403 or another 4xx that retrying cannot fix).</summary>
        public const string RequestRefused = "LLMPY0301";
        /// <summary>Offline mode: a page or metadata file is not in the cache.</summary>
        public const string OfflineNotCached = "LLMPY0302";
        /// <summary>An index page (PEP 503 HTML / PEP 691 JSON) or find-links page cannot be parsed.</summary>
        public const string MalformedPage = "LLMPY0303";
        /// <summary>Retired: a PythonPackage's Index= names no PythonIndex item (now LLMPY0004).</summary>
        [Obsolete("Retired: an unknown Index= name is LLMPY0004 (Inputs.UnknownIndexName).")]
        public const string RetiredUnknownIndexName = "LLMPY0304";
        /// <summary>A find-links folder or a local wheel path does not exist.</summary>
        public const string LocalSourceMissing = "LLMPY0305";
        /// <summary>A wheel has no readable .dist-info/METADATA (by metadata file, range requests or download).</summary>
        public const string MetadataUnavailable = "LLMPY0306";
        /// <summary>An index or file URL is not http(s) or file.</summary>
        public const string UnsupportedUrl = "LLMPY0307";
        /// <summary>The NuGet.Config password for a private index is encrypted and cannot be decrypted here (not Windows, or another user).</summary>
        public const string NuGetConfigPasswordEncrypted = "LLMPY0308";
        /// <summary>A NuGet.Config file (or RestoreConfigFile) cannot be read or parsed while looking up index credentials.</summary>
        public const string NuGetConfigUnreadable = "LLMPY0309";
        /// <summary>A request stalled after every retry: no response headers, or no body bytes, for PythonHttpTimeout seconds.</summary>
        public const string TransferStalled = "LLMPY0310";
        /// <summary>PythonHttpTimeout is not a positive number of seconds.</summary>
        public const string InvalidHttpTimeout = "LLMPY0311";
    }

    /// <summary>Resolution.</summary>
    [CodeRange(400, 499)]
    public static class Resolution
    {
        /// <summary>A required package does not exist on the index that answers for it.</summary>
        public const string UnknownPackage = "LLMPY0401";
        /// <summary>No version of a required package is usable (specifier, requires-python, wheel tags, yanked, pre-release).</summary>
        public const string NoMatchingVersion = "LLMPY0402";
        /// <summary>The requirements conflict with each other: no set of versions satisfies all of them.</summary>
        public const string Conflict = "LLMPY0403";
        /// <summary>The package source failed while listing versions or reading metadata.</summary>
        public const string SourceFailure = "LLMPY0404";
        /// <summary>The resolution exceeded its step budget (pathological backtracking).</summary>
        public const string TooComplex = "LLMPY0405";
    }

    /// <summary>GPU detection and PyTorch backend choice.</summary>
    [CodeRange(500, 599)]
    public static class Accelerators
    {
        /// <summary>Warning: <c>Cuda="auto"</c> found a GPU but no GPU backend fits it and the requested torch, so CPU wheels are used.</summary>
        public const string FallbackToCpu = "LLMPY0500";
        /// <summary>Retired: a <c>Cuda</c> / <c>PythonCuda</c> value is not a backend name (now LLMPY0023).</summary>
        [Obsolete("Retired: a Cuda/PythonCuda value that is not a backend is LLMPY0023 (Inputs.UnknownBackend).")]
        public const string RetiredInvalidBackendName = "LLMPY0501";
        /// <summary>Warning: an explicit backend needs a newer NVIDIA driver than the one detected or described.</summary>
        public const string ExplicitBackendDriverTooOld = "LLMPY0502";
        /// <summary>Warning: an explicit backend's torch wheels have no kernels for a detected or described GPU architecture.</summary>
        public const string ExplicitBackendLacksArchitecture = "LLMPY0503";
        /// <summary>Warning: a well-formed backend name that the embedded backend table does not know (it is used as given).</summary>
        public const string UnknownBackend = "LLMPY0504";
        /// <summary>Error: <c>PythonTargetCudaDriver</c> / <c>LLMPYTHON_CUDA_DRIVER</c> is not a driver number or <c>none</c>.</summary>
        public const string InvalidTargetCudaDriver = "LLMPY0505";
        /// <summary>Error: <c>PythonTargetComputeCapability</c> / <c>LLMPYTHON_COMPUTE_CAPABILITY</c> is not a list like <c>8.6;6.1</c> or <c>none</c>.</summary>
        public const string InvalidTargetComputeCapability = "LLMPY0506";
        /// <summary>Error: PyTorch-family packages of one environment ask for different explicit backends.</summary>
        public const string ConflictingBackends = "LLMPY0507";
        /// <summary>Warning: an explicit ROCm backend's wheels do not list a detected AMD GPU architecture.</summary>
        public const string ExplicitBackendLacksRocmArchitecture = "LLMPY0508";
    }

    /// <summary>The lockfile (0640: the build phase reading it).</summary>
    [CodeRange(600, 659)]
    public static class Lock
    {
        /// <summary>python.lock.json is not valid JSON or not a lockfile this SDK can read.</summary>
        public const string Unreadable = "LLMPY0601";
        /// <summary>Locked mode, and the inputs no longer match the lockfile.</summary>
        public const string OutOfDateInLockedMode = "LLMPY0602";
        /// <summary>Locked mode, and there is no lockfile (or no section for this environment).</summary>
        public const string MissingInLockedMode = "LLMPY0603";
        /// <summary>The build found no lock, a stale lock, or no section for this machine (run <c>dotnet restore</c>).</summary>
        public const string NotRestored = "LLMPY0640";
    }

    /// <summary><c>PythonExport</c> (pylock.toml / requirements.txt from the lock).</summary>
    [CodeRange(660, 679)]
    public static class Export
    {
        /// <summary><c>PythonExportFormat</c> names a format other than <c>pylock</c> and <c>requirements</c>.</summary>
        public const string UnknownFormat = "LLMPY0660";
        /// <summary>The lockfile has no section to export (lock first: <c>dotnet build -t:PythonLock</c>).</summary>
        public const string NothingToExport = "LLMPY0661";
        /// <summary>An exported file could not be written (permissions, disk full); the previous file is left as it was.</summary>
        public const string WriteFailed = "LLMPY0662";
    }

    /// <summary>Cache, downloads and hashes: whatever fetches, stores or checks a file.</summary>
    [CodeRange(700, 759)]
    public static class Cache
    {
        /// <summary>Another build held a cache entry's lock for longer than the lock timeout.</summary>
        public const string LockTimeout = "LLMPY0701";
        /// <summary>Retired: a file's sha256 differs from the one expected (now LLMPY0710 wherever it is checked).</summary>
        [Obsolete("Retired: a hash mismatch is LLMPY0710 (Cache.HashMismatch) wherever it is found.")]
        public const string RetiredHashMismatch = "LLMPY0702";
        /// <summary>The cache folder cannot be created or written (permissions, disk full, read-only medium).</summary>
        public const string CacheNotWritable = "LLMPY0703";
        /// <summary>A wheel cannot be unpacked into the cache (not a zip, unsafe member paths).</summary>
        public const string WheelNotUnpackable = "LLMPY0704";
        /// <summary>A file's sha256 (downloaded, or already in the cache) differs from the hash the lockfile, index or URL fragment gives.</summary>
        public const string HashMismatch = "LLMPY0710";
        /// <summary>A PEP 658 .metadata file's hash differs from the one its index advertises.</summary>
        public const string MetadataHashMismatch = "LLMPY0711";
        /// <summary>Offline mode: a wheel is not in the cache.</summary>
        public const string OfflineWheelNotCached = "LLMPY0712";
        /// <summary>A download ended with fewer or more bytes than the server announced.</summary>
        public const string DownloadTruncated = "LLMPY0713";
        /// <summary>A wheel download failed after every retry; names the bytes received and whether the next build resumes them.</summary>
        public const string DownloadFailed = "LLMPY0720";
    }

    /// <summary>Wheel builds from source distributions (PEP 517).</summary>
    [CodeRange(760, 779)]
    public static class SourceBuild
    {
        /// <summary>A PEP 517 hook (get_requires_for_build_wheel, prepare_metadata_for_build_wheel, build_wheel) failed; the message has the last lines of its output and the log's path.</summary>
        public const string BuildFailed = "LLMPY0760";
        /// <summary>A source distribution cannot be unpacked safely, or has neither pyproject.toml nor setup.py.</summary>
        public const string InvalidSdist = "LLMPY0761";
        /// <summary>The build requirements (build-system.requires, get_requires_for_build_wheel) of an sdist cannot be resolved to wheels.</summary>
        public const string BuildRequirementsUnresolvable = "LLMPY0762";
        /// <summary>The wheel a build produced is not a wheel of the sdist's project and version.</summary>
        public const string BuiltWheelMismatch = "LLMPY0763";
        /// <summary>An sdist must be built for a target that cannot run here (a publish for another platform).</summary>
        public const string CannotBuildForTarget = "LLMPY0764";
    }

    /// <summary>Installer and virtual environment.</summary>
    [CodeRange(800, 899)]
    public static class Installer
    {
        /// <summary>The wheel's file name is not a PEP 427 name (name-version[-build]-py-abi-platform.whl).</summary>
        public const string InvalidWheelFileName = "LLMPY0801";
        /// <summary>A member path is absolute, has a drive letter, uses '..' or otherwise escapes its folder.</summary>
        public const string UnsafePath = "LLMPY0802";
        /// <summary>A member is a symbolic link (or another special file), which wheels may not carry.</summary>
        public const string SpecialMember = "LLMPY0803";
        /// <summary>The .dist-info folder is missing, duplicated, or does not match the wheel's name.</summary>
        public const string InvalidLayout = "LLMPY0804";
        /// <summary>RECORD is missing, unreadable, or does not list every file properly.</summary>
        public const string InvalidRecord = "LLMPY0805";
        /// <summary>A file's hash or size differs from what RECORD says (a tampered or corrupt wheel).</summary>
        public const string RecordMismatch = "LLMPY0806";
        /// <summary>The WHEEL file is missing, its Wheel-Version is not a version, or its major version is newer than 1.</summary>
        public const string IncompatibleWheelVersion = "LLMPY0807";
        /// <summary>A <c>.data/&lt;scheme&gt;/</c> folder names a scheme other than purelib, platlib, headers, scripts, data.</summary>
        public const string UnknownDataScheme = "LLMPY0808";
        /// <summary>Two distributions (or a leftover file) want the same installed path.</summary>
        public const string FileConflict = "LLMPY0809";
        /// <summary>Writing the environment failed (disk full, permissions, read-only folder).</summary>
        public const string WriteFailed = "LLMPY0810";
        /// <summary>The virtual environment cannot be created (base interpreter missing, folder not writable).</summary>
        public const string VenvCreationFailed = "LLMPY0811";
        /// <summary>Compiling bytecode with the environment's interpreter failed.</summary>
        public const string BytecodeCompileFailed = "LLMPY0812";
        /// <summary>An installed distribution's RECORD lists a path outside the environment, so uninstalling it is refused.</summary>
        public const string UnsafeUninstall = "LLMPY0813";
        /// <summary>Two requested wheels are the same distribution (one name, two wheels).</summary>
        public const string DuplicateDistribution = "LLMPY0814";
        /// <summary>Warning: a wheel's Wheel-Version has a newer minor version than 1.0 (e.g. 1.9); it is installed as 1.0, as pip does.</summary>
        public const string NewerWheelVersion = "LLMPY0815";
    }

    /// <summary>Publish (0900–0909 raised by the publish task, the rest by the engine's publish step).</summary>
    [CodeRange(900, 999)]
    public static class Publish
    {
        /// <summary>Publish found no environment to copy (restore did not run or was cleaned).</summary>
        public const string PublishEnvironmentMissing = "LLMPY0901";
        /// <summary>Copying the environment into the publish folder failed (I/O error, disk full, access denied).</summary>
        public const string PublishCopyFailed = "LLMPY0902";
        /// <summary>The base interpreter of the environment could not be asked for its layout (self-contained publish).</summary>
        public const string RuntimeProbeFailed = "LLMPY0910";
        /// <summary>A binary of the interpreter has a library search path (RUNPATH) that cannot be made relative to its new place.</summary>
        public const string RuntimeNotRelocatable = "LLMPY0911";
        /// <summary>A self-contained publish for another platform needs <c>PythonRuntimeArchive</c>: no interpreter of that platform is here to copy.</summary>
        public const string RuntimeArchiveRequired = "LLMPY0912";
        /// <summary>The <c>PythonRuntimeArchive</c> could not be read or downloaded, or its sha256 differs from the one given.</summary>
        public const string RuntimeArchiveUnusable = "LLMPY0913";
        /// <summary>The <c>PythonRuntimeArchive</c> holds no interpreter of the locked Python version in the install_only layout (<c>python/bin/python3.X</c> or <c>python/python.exe</c>).</summary>
        public const string RuntimeArchiveLayout = "LLMPY0914";
        /// <summary>There is no environment (pyvenv.cfg) to publish.</summary>
        public const string EnvironmentMissing = "LLMPY0950";
        /// <summary>A file of the environment would carry an absolute build-machine path into the publish folder.</summary>
        public const string AbsolutePathLeak = "LLMPY0951";
    }
}
