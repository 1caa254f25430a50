namespace LlmPython.Resolver.Tags;

/// <summary>
/// The tag sequences of PEP 425 as packaging.tags computes them (cpython_tags, generic_tags,
/// compatible_tags, sys_tags), from explicit inputs instead of the running interpreter.
/// </summary>
public static class TagGenerator
{
    /// <summary>sys.implementation.name → the short interpreter names PEP 425 reserves.</summary>
    public static IReadOnlyDictionary<string, string> InterpreterShortNames { get; } = new Dictionary<string, string>
    {
        ["python"] = "py",
        ["cpython"] = "cp",
        ["pypy"] = "pp",
        ["ironpython"] = "ip",
        ["jython"] = "jy",
    };

    /// <summary>"CPython"/"cpython" → "cp"; unknown names are returned lower-cased.</summary>
    public static string InterpreterShortName(string implementationName)
    {
        var name = implementationName.ToLowerInvariant();
        return InterpreterShortNames.TryGetValue(name, out var s) ? s : name;
    }

    /// <summary>Digits of the version joined without dots: (3, 11) → "311", (3,) → "3".</summary>
    public static string VersionNodot(IReadOnlyList<int> version) => string.Concat(version.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>interpreter_version(): py_version_nodot when set, else major and minor joined.</summary>
    public static string InterpreterVersion(IReadOnlyList<int> versionInfo, string? pyVersionNodot = null) =>
        string.IsNullOrEmpty(pyVersionNodot) ? VersionNodot(versionInfo.Take(2).ToList()) : pyVersionNodot;

    /// <summary>The ABI tags of a CPython build, most specific first (cp38d then cp38 for a debug build).</summary>
    public static IReadOnlyList<string> CpythonAbis(IReadOnlyList<int> pythonVersion, CpythonAbiConfig config)
    {
        var version = VersionNodot(pythonVersion.Take(2).ToList());
        var atLeast = (int major, int minor) => Compare(pythonVersion, major, minor) >= 0;
        string threading = "", debug = "", pymalloc = "", ucs4 = "";
        var hasDebugExt = config.ExtensionSuffixes.Contains("_d.pyd");
        if (config.PyDebug == true || (config.PyDebug is null && (config.HasTotalRefcount || hasDebugExt)))
            debug = "d";
        if (atLeast(3, 13) && config.GilDisabled)
            threading = "t";
        if (!atLeast(3, 8))
        {
            if (config.WithPymalloc is null or true)
                pymalloc = "m";
            if (!atLeast(3, 3) && (config.UnicodeSize == 4 || (config.UnicodeSize is null && config.MaxUnicode == 0x10FFFF)))
                ucs4 = "u";
        }
        var abis = new List<string> { $"cp{version}{threading}{debug}{pymalloc}{ucs4}" };
        // Debug builds from 3.8 also load ordinary extension modules.
        if (atLeast(3, 8) && debug.Length > 0)
            abis.Add($"cp{version}{threading}");
        return abis;
    }

    /// <summary>
    /// The ABI tag named by sysconfig EXT_SUFFIX (".cpython-311-x86_64-linux-gnu.so" → cp311,
    /// ".pypy39-pp73-x86_64-linux-gnu.so" → pypy39_pp73). A suffix without an ABI part (".pyd")
    /// falls back to <paramref name="fallbackCpythonAbis"/>. Throws <see cref="FormatException"/> on a malformed suffix.
    /// </summary>
    public static IReadOnlyList<string> GenericAbi(string? extSuffix, Func<IReadOnlyList<string>> fallbackCpythonAbis)
    {
        if (extSuffix is null || !extSuffix.StartsWith('.'))
            throw new FormatException($"Invalid sysconfig EXT_SUFFIX '{extSuffix}'.");
        var parts = extSuffix.Split('.');
        if (parts.Length < 3)
            return fallbackCpythonAbis(); // CPython 3.7 and earlier use ".pyd" on Windows
        var soabi = parts[1];
        string abi;
        if (soabi.StartsWith("cpython", StringComparison.Ordinal))
        {
            var cp = soabi.Split('-');
            if (cp.Length < 2 || cp[1].Length == 0)
                throw new FormatException($"Invalid sysconfig EXT_SUFFIX '{extSuffix}'.");
            abi = "cp" + cp[1];
        }
        else if (soabi.StartsWith("cp", StringComparison.Ordinal))
            abi = soabi.Split('-')[0];
        else if (soabi.StartsWith("pypy", StringComparison.Ordinal))
            abi = string.Join('-', soabi.Split('-').Take(2));
        else if (soabi.StartsWith("graalpy", StringComparison.Ordinal))
            abi = string.Join('-', soabi.Split('-').Take(3));
        else if (soabi.Length > 0)
            abi = soabi;
        else
            return [];
        return [NormalizePlatformString(abi)];
    }

    /// <summary>'.', '-' and ' ' become '_' (sysconfig platform → tag).</summary>
    public static string NormalizePlatformString(string s) => s.Replace('.', '_').Replace('-', '_').Replace(' ', '_');

    /// <summary>cpython_tags: own ABIs, abi3 (abi3t when free-threaded) for cp32..current, none.</summary>
    public static IReadOnlyList<WheelTag> CpythonTags(IReadOnlyList<int> pythonVersion, IReadOnlyList<string>? abis, IReadOnlyList<string> platforms)
    {
        var interpreter = "cp" + VersionNodot(pythonVersion.Take(2).ToList());
        var ownAbis = (abis ?? []).ToList();
        var threading = IsThreadedCpython(ownAbis);
        ownAbis.RemoveAll(a => a == "abi3" || a == "none" || (threading && a == "abi3t"));

        var tags = new List<WheelTag>();
        foreach (var abi in ownAbis)
            foreach (var p in platforms) tags.Add(WheelTag.Create(interpreter, abi, p));

        var stableApplies = pythonVersion.Count > 1 && Compare(pythonVersion, 3, 2) >= 0;
        var stableAbi = threading ? "abi3t" : "abi3";
        if (stableApplies)
            foreach (var p in platforms) tags.Add(WheelTag.Create(interpreter, stableAbi, p));
        foreach (var p in platforms) tags.Add(WheelTag.Create(interpreter, "none", p));
        if (stableApplies)
            for (var minor = pythonVersion[1] - 1; minor > 1; minor--)
                foreach (var p in platforms)
                    tags.Add(WheelTag.Create($"cp{pythonVersion[0]}{minor}", stableAbi, p));
        return tags;
    }

    /// <summary>generic_tags: interpreter × (abis + none) × platforms.</summary>
    public static IReadOnlyList<WheelTag> GenericTags(string interpreter, IReadOnlyList<string> abis, IReadOnlyList<string> platforms)
    {
        var all = abis.ToList();
        if (!all.Contains("none")) all.Add("none");
        return [.. from abi in all from p in platforms select WheelTag.Create(interpreter, abi, p)];
    }

    /// <summary>py311, py3, py310 … py30 (major-only version: py3).</summary>
    public static IReadOnlyList<string> PyInterpreterRange(IReadOnlyList<int> pythonVersion)
    {
        if (pythonVersion.Count == 0)
            throw new ArgumentException("python_version must contain at least one item", nameof(pythonVersion));
        var result = new List<string>();
        if (pythonVersion.Count > 1) result.Add($"py{pythonVersion[0]}{pythonVersion[1]}");
        result.Add($"py{pythonVersion[0]}");
        if (pythonVersion.Count > 1)
            for (var minor = pythonVersion[1] - 1; minor >= 0; minor--) result.Add($"py{pythonVersion[0]}{minor}");
        return result;
    }

    /// <summary>pure_python_tags: py*-none-any.</summary>
    public static IReadOnlyList<WheelTag> PurePythonTags(IReadOnlyList<int> pythonVersion) =>
        [.. PyInterpreterRange(pythonVersion).Select(v => WheelTag.Create(v, "none", "any"))];

    /// <summary>compatible_tags: py*-none-platform, then interpreter-none-any, then py*-none-any.</summary>
    public static IReadOnlyList<WheelTag> CompatibleTags(IReadOnlyList<int> pythonVersion, string? interpreter, IReadOnlyList<string> platforms)
    {
        var tags = new List<WheelTag>();
        foreach (var v in PyInterpreterRange(pythonVersion))
            foreach (var p in platforms) tags.Add(WheelTag.Create(v, "none", p));
        if (!string.IsNullOrEmpty(interpreter))
            tags.Add(WheelTag.Create(interpreter, "none", "any"));
        tags.AddRange(PurePythonTags(pythonVersion));
        return tags;
    }

    /// <summary>sys_tags for a target: interpreter-specific tags, then the compatible fallbacks.</summary>
    public static IReadOnlyList<WheelTag> SysTags(TagTarget target)
    {
        var name = InterpreterShortName(target.Implementation);
        var version = target.PythonVersion;
        var tags = new List<WheelTag>();
        if (name == "cp")
        {
            var abis = target.Abis ?? CpythonAbis(version, target.AbiConfig);
            tags.AddRange(CpythonTags(version, abis, target.Platforms));
        }
        else
        {
            var abis = target.Abis ?? GenericAbi(target.ExtSuffix, () => CpythonAbis(version, target.AbiConfig));
            var interpreter = name + InterpreterVersion(version, target.PyVersionNodot);
            tags.AddRange(GenericTags(interpreter, abis, target.Platforms));
        }
        var compatibleInterpreter = name switch
        {
            "pp" => "pp3",
            "cp" => "cp" + InterpreterVersion(version, target.PyVersionNodot),
            _ => null,
        };
        tags.AddRange(CompatibleTags(version.Take(2).ToList(), compatibleInterpreter, target.Platforms));
        return tags;
    }

    private static bool IsThreadedCpython(IReadOnlyList<string> abis)
    {
        if (abis.Count == 0) return false;
        var m = System.Text.RegularExpressions.Regex.Match(abis[0], @"^cp\d+(.*)$", System.Text.RegularExpressions.RegexOptions.Singleline);
        return m.Success && m.Groups[1].Value.Contains('t');
    }

    private static int Compare(IReadOnlyList<int> version, int major, int minor)
    {
        // Python tuple comparison: (3,) < (3, 2).
        if (version.Count == 0) return -1;
        if (version[0] != major) return version[0].CompareTo(major);
        if (version.Count == 1) return -1;
        return version[1].CompareTo(minor);
    }
}
