namespace LlmPython.Resolver.Requirements;

/// <summary>
/// The PEP 508 marker variables of one target environment (python_version, sys_platform, …).
/// Keys are the PEP 508 variable names. Set-valued variables (<c>extras</c>, <c>dependency_groups</c>,
/// used by lock files) live in <see cref="Sets"/>.
/// </summary>
public sealed partial class MarkerEnvironment
{
    /// <summary>The eleven string variables every complete environment defines (PEP 508).</summary>
    public static IReadOnlyList<string> StandardVariables { get; } =
    [
        "implementation_name", "implementation_version", "os_name", "platform_machine",
        "platform_release", "platform_system", "platform_version", "python_full_version",
        "platform_python_implementation", "python_version", "sys_platform",
    ];

    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> NoSets =
        new Dictionary<string, IReadOnlySet<string>>();

    public MarkerEnvironment(IReadOnlyDictionary<string, string> values) : this(values, null) { }

    public MarkerEnvironment(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, IReadOnlySet<string>>? sets)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = values;
        Sets = sets ?? NoSets;
    }

    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>Set-valued variables such as <c>extras</c> and <c>dependency_groups</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Sets { get; }

    public string? this[string variable] => Values.TryGetValue(variable, out var v) ? v : null;

    /// <summary>The standard variables this environment lacks (empty = complete).</summary>
    public IReadOnlyList<string> MissingStandardVariables() =>
        StandardVariables.Where(v => !Values.ContainsKey(v)).ToList();

    /// <summary>A copy with one string variable set.</summary>
    public MarkerEnvironment With(string variable, string value)
    {
        var copy = new Dictionary<string, string>(Values, StringComparer.Ordinal) { [variable] = value };
        return new MarkerEnvironment(copy, Sets);
    }

    /// <summary>A copy with the <c>extra</c> variable set ("" = no extra).</summary>
    public MarkerEnvironment WithExtra(string? extra) => With("extra", extra ?? "");

    /// <summary>A copy with a set-valued variable (e.g. <c>extras</c>) set.</summary>
    public MarkerEnvironment WithSet(string variable, IEnumerable<string> values)
    {
        var copy = new Dictionary<string, IReadOnlySet<string>>(Sets, StringComparer.Ordinal)
        {
            [variable] = new HashSet<string>(values, StringComparer.Ordinal),
        };
        return new MarkerEnvironment(Values, copy);
    }

    /// <summary>
    /// The environment of a CPython target described by version, <c>sys.platform</c> ("linux",
    /// "win32", "darwin") and machine ("x86_64", "AMD64", "arm64"). Release and version of the
    /// operating system are unknown and left empty.
    /// </summary>
    public static MarkerEnvironment ForCPython(string pythonFullVersion, string sysPlatform, string platformMachine)
    {
        ArgumentNullException.ThrowIfNull(pythonFullVersion);
        var parts = pythonFullVersion.Split('.');
        if (parts.Length < 2)
            throw new FormatException($"'{pythonFullVersion}' is not a Python version like 3.11.7.");
        string system = sysPlatform switch
        {
            "win32" or "cygwin" => "Windows",
            "darwin" => "Darwin",
            "linux" => "Linux",
            _ => sysPlatform.Length == 0 ? "" : char.ToUpperInvariant(sysPlatform[0]) + sysPlatform[1..],
        };
        return new MarkerEnvironment(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["implementation_name"] = "cpython",
            ["implementation_version"] = pythonFullVersion,
            ["os_name"] = sysPlatform == "win32" ? "nt" : "posix",
            ["platform_machine"] = platformMachine,
            ["platform_release"] = "",
            ["platform_system"] = system,
            ["platform_version"] = "",
            ["python_full_version"] = pythonFullVersion,
            ["platform_python_implementation"] = "CPython",
            ["python_version"] = parts[0] + "." + new string(parts[1].TakeWhile(char.IsAsciiDigit).ToArray()),
            ["sys_platform"] = sysPlatform,
        });
    }
}
