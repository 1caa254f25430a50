using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Interpreters;

/// <summary>
/// Finds the interpreter a project asks for (PythonVersion and/or PythonExecutable) and probes it.
/// Order: the explicit path; else PATH (python3.X, python3, python); else pyenv versions; else, on
/// Windows, <c>py -3.X</c>. Probe answers are cached on disk (see <see cref="InterpreterInfoCache"/>).
/// </summary>
public sealed class InterpreterLocator
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);

    private readonly InterpreterInfoCache _cache;
    private readonly InterpreterSearchPaths _search;
    private int _processesStarted;

    /// <param name="cacheDirectory">Folder for cached probe answers.</param>
    /// <param name="search">Where to look; null = this process's PATH and pyenv root.</param>
    public InterpreterLocator(string cacheDirectory, InterpreterSearchPaths? search = null)
    {
        _cache = new InterpreterInfoCache(cacheDirectory);
        _search = search ?? InterpreterSearchPaths.FromEnvironment();
    }

    /// <summary>How many interpreter processes this locator started (cache hits start none).</summary>
    public int ProcessesStarted => _processesStarted;

    /// <summary>
    /// The interpreter for <paramref name="pythonVersion"/> ("3.11", "3.11.7" or null = any) and/or
    /// <paramref name="pythonExecutable"/>. Throws <see cref="LlmPyException"/> (LLMPY02xx) when none fits.
    /// </summary>
    public PythonInterpreter Locate(string? pythonVersion, string? pythonExecutable = null)
    {
        var wanted = ParseWanted(pythonVersion);
        if (!string.IsNullOrWhiteSpace(pythonExecutable))
        {
            var explicitPath = Path.GetFullPath(pythonExecutable);
            if (!File.Exists(explicitPath))
                throw new LlmPyException(DiagnosticCodes.Interpreters.ExecutableNotFound,
                    $"PythonExecutable '{pythonExecutable}' does not exist. Set PythonExecutable to the path of a Python interpreter, or remove it to discover one from PythonVersion.");
            var info = Probe(explicitPath, []);
            if (wanted is not null && !Matches(info, wanted))
                throw new LlmPyException(DiagnosticCodes.Interpreters.ExecutableVersionMismatch,
                    $"PythonExecutable '{pythonExecutable}' is Python {info.Version}, but PythonVersion asks for {pythonVersion}. Make them agree, or remove one of them.");
            return PythonInterpreter.FromInfo(explicitPath, info);
        }

        var seen = new List<string>();
        var probedReal = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in Candidates(wanted))
        {
            InterpreterInfo info;
            try
            {
                if (candidate.LauncherArgs.Count == 0 && !probedReal.Add(InterpreterInfoCache.RealPath(candidate.Command)))
                    continue;
                info = Probe(candidate.Command, candidate.LauncherArgs);
            }
            catch (LlmPyException)
            {
                continue; // a broken candidate does not stop the search
            }
            seen.Add($"{candidate.Display} ({info.Version})");
            if (wanted is null || Matches(info, wanted))
                return PythonInterpreter.FromInfo(candidate.LauncherArgs.Count == 0 ? candidate.Command : info.RealExecutable, info);
        }
        throw NoMatch(pythonVersion, seen, wanted);
    }

    /// <summary>Probes one interpreter (cached), without checking what version it is.</summary>
    public PythonInterpreter Inspect(string executablePath)
    {
        var full = Path.GetFullPath(executablePath);
        if (!File.Exists(full))
            throw new LlmPyException(DiagnosticCodes.Interpreters.ExecutableNotFound,
                $"Python interpreter '{executablePath}' does not exist. Set PythonExecutable to the path of a Python interpreter.");
        return PythonInterpreter.FromInfo(full, Probe(full, []));
    }

    private sealed record Candidate(string Command, IReadOnlyList<string> LauncherArgs, string Display);

    private IEnumerable<Candidate> Candidates(int[]? wanted)
    {
        var majorMinor = wanted is null ? null : $"{wanted[0]}.{wanted[1]}";
        var exe = _search.IsWindows ? ".exe" : "";
        var names = new List<string>();
        if (majorMinor is not null) names.Add($"python{majorMinor}{exe}");
        names.Add($"python3{exe}");
        names.Add($"python{exe}");

        var shims = _search.PyenvRoot is null ? null : Path.GetFullPath(Path.Combine(_search.PyenvRoot, "shims"));
        foreach (var dir in (_search.Path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string full;
            try { full = Path.GetFullPath(dir); }
            catch (Exception e) when (e is ArgumentException or NotSupportedException) { continue; }
            // pyenv shims dispatch to whichever version is active; the versions are searched directly below.
            if (shims is not null && string.Equals(full.TrimEnd(Path.DirectorySeparatorChar), shims, StringComparison.Ordinal))
                continue;
            foreach (var name in names)
            {
                var path = Path.Combine(full, name);
                if (File.Exists(path)) yield return new Candidate(path, [], path);
            }
        }

        foreach (var path in PyenvCandidates(majorMinor))
            yield return new Candidate(path, [], path);

        if (_search.IsWindows && majorMinor is not null)
            foreach (var dir in (_search.Path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var py = Path.Combine(dir, "py.exe");
                if (File.Exists(py)) yield return new Candidate(py, [$"-{majorMinor}"], $"py -{majorMinor}");
            }
    }

    // pyenv versions newest first; names such as "3.11.7" are filtered before anything is run.
    private IEnumerable<string> PyenvCandidates(string? majorMinor)
    {
        if (_search.PyenvRoot is null) return [];
        var versions = Path.Combine(_search.PyenvRoot, "versions");
        if (!Directory.Exists(versions)) return [];
        return Directory.GetDirectories(versions)
            .Select(d => (Dir: d, Name: Path.GetFileName(d)))
            .Where(v => majorMinor is null || v.Name == majorMinor || v.Name.StartsWith(majorMinor + ".", StringComparison.Ordinal))
            .OrderByDescending(v => VersionKey(v.Name))
            .ThenByDescending(v => v.Name, StringComparer.Ordinal)
            .Select(v =>
            {
                // pyenv-win keeps python.exe in the version folder itself.
                if (_search.IsWindows) return Path.Combine(v.Dir, "python.exe");
                var bin = Path.Combine(v.Dir, "bin");
                var specific = majorMinor is null ? null : Path.Combine(bin, $"python{majorMinor}");
                return specific is not null && File.Exists(specific) ? specific : Path.Combine(bin, "python3");
            })
            .Where(File.Exists);
    }

    private static (int, int, int) VersionKey(string name)
    {
        var parts = name.Split('.');
        int Part(int i) => i < parts.Length && int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        return (Part(0), Part(1), Part(2));
    }

    private static int[]? ParseWanted(string? pythonVersion)
    {
        if (string.IsNullOrWhiteSpace(pythonVersion)) return null;
        var parts = pythonVersion.Trim().Split('.');
        var numbers = new List<int>();
        foreach (var p in parts)
        {
            if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) { numbers.Clear(); break; }
            numbers.Add(n);
        }
        if (numbers.Count is < 2 or > 3)
            throw new LlmPyException(DiagnosticCodes.Interpreters.InvalidPythonVersion,
                $"PythonVersion '{pythonVersion}' is not of the form 3.11 or 3.11.7. Set PythonVersion to a major.minor (or major.minor.micro) version.");
        return [.. numbers];
    }

    private static bool Matches(InterpreterInfo info, int[] wanted) =>
        info.VersionInfo.Count >= 3
        && info.VersionInfo[0] == wanted[0] && info.VersionInfo[1] == wanted[1]
        && (wanted.Length == 2 || (info.VersionInfo[2] == wanted[2] && info.Version == $"{wanted[0]}.{wanted[1]}.{wanted[2]}"));

    private LlmPyException NoMatch(string? pythonVersion, List<string> seen, int[]? wanted)
    {
        var found = seen.Count == 0 ? "none" : string.Join("; ", seen);
        var install = wanted is null ? "pyenv install 3.12" : $"pyenv install {string.Join('.', wanted)}";
        var what = pythonVersion is null ? "No Python interpreter was found" : $"No Python interpreter matches PythonVersion '{pythonVersion}'";
        return new LlmPyException(DiagnosticCodes.Interpreters.NoMatchingInterpreter,
            $"{what} on PATH{(_search.PyenvRoot is null ? "" : $", in pyenv ({_search.PyenvRoot})")}{(_search.IsWindows ? " or through the py launcher" : "")}. " +
            $"Interpreters found: {found}. Set PythonExecutable to the path of a matching interpreter, or install one (e.g. `{install}`).");
    }

    private InterpreterInfo Probe(string command, IReadOnlyList<string> launcherArgs)
    {
        var cacheable = launcherArgs.Count == 0;
        if (cacheable && _cache.TryGet(command) is { } cached) return cached;

        var psi = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in launcherArgs) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("-I"); // isolated: no PYTHON* variables, no user site, no cwd on sys.path
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(InterpreterProbeScript.Text);

        string stdout, stderr;
        int exitCode;
        try
        {
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("no process");
            Interlocked.Increment(ref _processesStarted);
            process.StandardInput.Close();
            var outTask = process.StandardOutput.ReadToEndAsync();
            var errTask = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(ProbeTimeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw ProbeFailed(command, $"it did not answer within {ProbeTimeout.TotalSeconds:0} s");
            }
            stdout = outTask.GetAwaiter().GetResult();
            stderr = errTask.GetAwaiter().GetResult();
            exitCode = process.ExitCode;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw ProbeFailed(command, e.Message);
        }
        if (exitCode != 0)
            throw ProbeFailed(command, $"it exited with code {exitCode}: {Trim(stderr)}");

        InterpreterInfo? info;
        try
        {
            info = JsonSerializer.Deserialize(stdout, InterpreterInfoCache.Json);
        }
        catch (JsonException e)
        {
            throw ProbeFailed(command, $"its answer is not the expected JSON ({e.Message}); Python 3.6 or newer is required");
        }
        if (info is null || info.VersionInfo.Count < 3 || info.ProbeVersion != InterpreterProbeScript.Version)
            throw ProbeFailed(command, "its answer is incomplete; Python 3.6 or newer is required");
        if (cacheable) _cache.Put(command, info);
        return info;
    }

    private static LlmPyException ProbeFailed(string command, string why) =>
        new(DiagnosticCodes.Interpreters.ProbeFailed,
            $"The Python interpreter '{command}' could not be inspected: {why}. Set PythonExecutable to a working Python 3.6+ interpreter.");

    private static string Trim(string s)
    {
        s = s.Trim();
        return s.Length > 400 ? s[^400..] : s;
    }
}
