using System.Text;

namespace LlmPython.Resolver.Installation;

/// <summary>Shebang lines: rewriting <c>#!python</c> in scripts, and the line a launcher starts with.</summary>
public static class Shebang
{
    /// <summary>Longest shebang Linux passes on reliably; longer or spaced interpreters go through /bin/sh.</summary>
    private const int MaxDirectShebang = 127;

    /// <summary>
    /// When the first line is <c>#!python</c> or <c>#!pythonw</c> (with or without arguments), replaces it
    /// by the interpreter's shebang; any other content is returned unchanged.
    /// </summary>
    public static byte[] Rewrite(byte[] data, string interpreter)
    {
        var prefix = "#!python"u8;
        if (!data.AsSpan().StartsWith(prefix))
            return data;
        var newline = Array.IndexOf(data, (byte)'\n');
        var rest = newline < 0 ? [] : data.AsSpan(newline + 1);
        var head = Encoding.UTF8.GetBytes(For(interpreter));
        var result = new byte[head.Length + rest.Length];
        head.CopyTo(result, 0);
        rest.CopyTo(result.AsSpan(head.Length));
        return result;
    }

    /// <summary>
    /// The first line(s) of a script run by <paramref name="interpreter"/>: <c>#!/path\n</c>, or, for paths with
    /// spaces or too long for the kernel, a <c>/bin/sh</c> preamble that re-executes the quoted interpreter
    /// (a line Python reads as a harmless string literal).
    /// </summary>
    public static string For(string interpreter)
    {
        if (!interpreter.Contains(' ') && interpreter.Length + 2 <= MaxDirectShebang)
            return $"#!{interpreter}\n";
        var quoted = "'" + interpreter.Replace("'", "'\"'\"'") + "'";
        return $"#!/bin/sh\n'''exec' {quoted} \"$0\" \"$@\"\n' '''\n";
    }
}
