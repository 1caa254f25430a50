using System.Text;

namespace LlmPython.Resolver.Publishing;

/// <summary>
/// The first lines of a POSIX script launcher that say which interpreter runs it: <c>#!/path/python</c>, or the
/// <c>/bin/sh</c> trampoline the installer writes for interpreter paths with spaces or over the kernel's limit
/// (<see cref="Installation.Shebang.For"/>).
/// </summary>
public static class LauncherPreamble
{
    private const string ShTrampolineStart = "#!/bin/sh\n'''exec' ";
    private const string ShTrampolineEnd = "\n' '''\n";

    /// <summary>Bytes of the preamble (with its newline) when it starts a Python interpreter; 0 when there is none.</summary>
    public static int Length(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != (byte)'#' || bytes[1] != (byte)'!') return 0;
        var head = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        if (head.StartsWith(ShTrampolineStart, StringComparison.Ordinal))
        {
            var end = head.IndexOf(ShTrampolineEnd, StringComparison.Ordinal);
            return end < 0 ? 0 : Encoding.UTF8.GetByteCount(head[..(end + ShTrampolineEnd.Length)]);
        }
        var newline = Array.IndexOf(bytes, (byte)'\n');
        var lineEnd = newline < 0 ? bytes.Length : newline + 1;
        return Encoding.UTF8.GetString(bytes, 0, lineEnd).Contains("python", StringComparison.Ordinal) ? lineEnd : 0;
    }

    /// <summary>
    /// A preamble that runs <paramref name="interpreterFileName"/> from the launcher's own folder, wherever that is
    /// (a shebang cannot be relative): <c>/bin/sh</c> re-executes it, Python reads the second line as a string.
    /// </summary>
    public static string NextToScript(string interpreterFileName)
        => $"#!/bin/sh\n'''exec' \"$(dirname -- \"$0\")/{interpreterFileName}\" \"$0\" \"$@\"\n' '''\n";
}
