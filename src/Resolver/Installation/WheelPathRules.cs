using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// What a path inside a wheel (or a RECORD) may look like: relative, '/'-separated, no '..', no drive,
/// no NUL; and a guard that a resolved destination stays inside its folder.
/// </summary>
public static class WheelPathRules
{
    /// <summary>
    /// Returns the normalized relative path (backslashes become '/', '.' segments dropped) or throws
    /// LLMPY0802 naming the wheel and the path.
    /// </summary>
    public static string Normalize(string path, string wheel)
    {
        var p = path.Replace('\\', '/');
        string? why = null;
        if (p.Length == 0)
            why = "it is empty";
        else if (p.Contains('\0'))
            why = "it contains a NUL character";
        else if (p.StartsWith('/'))
            why = "it is absolute";
        else if (p.Length >= 2 && p[1] == ':' && char.IsAsciiLetter(p[0]))
            why = "it starts with a drive letter";
        var segments = new List<string>();
        if (why is null)
        {
            foreach (var segment in p.Split('/'))
            {
                if (segment is "" or ".")
                    continue;
                if (segment == "..")
                {
                    why = "it uses '..' to leave its folder";
                    break;
                }
                if (segment.Contains(':'))
                {
                    why = "it contains ':' (a drive or an alternate data stream on Windows)";
                    break;
                }
                segments.Add(segment);
            }
            if (why is null && segments.Count == 0)
                why = "it names no file";
        }
        if (why is not null)
            throw new LlmPyException(DiagnosticCodes.Installer.UnsafePath,
                $"The wheel '{wheel}' contains the unsafe path '{path}': {why}. The wheel is refused; use a wheel from a trusted source or rebuild it.");
        return string.Join('/', segments);
    }

    /// <summary>
    /// Joins <paramref name="folder"/> and a normalized relative path and checks that the result stays inside
    /// <paramref name="folder"/> (defence in depth against anything Normalize missed).
    /// </summary>
    public static string Resolve(string folder, string relative, string wheel)
    {
        var root = Path.GetFullPath(folder);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            throw new LlmPyException(DiagnosticCodes.Installer.UnsafePath,
                $"The wheel '{wheel}' contains the path '{relative}', which resolves outside the folder it installs into. The wheel is refused.");
        return full;
    }

    /// <summary>True for files under a <c>__pycache__</c> folder, which installers skip.</summary>
    public static bool IsInPycache(string normalizedPath)
        => normalizedPath.StartsWith("__pycache__/", StringComparison.Ordinal) || normalizedPath.Contains("/__pycache__/", StringComparison.Ordinal);
}
