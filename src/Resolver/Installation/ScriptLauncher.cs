using System.Text;

namespace LlmPython.Resolver.Installation;

/// <summary>
/// Launchers for console_scripts and gui_scripts. On POSIX a launcher is a Python file with the
/// environment's interpreter in its shebang. On Windows (no .exe launcher stubs are shipped) it is a
/// <c>name-script.py</c> (<c>.pyw</c> for GUI scripts) next to a <c>name.cmd</c> that runs it with the
/// <c>python.exe</c>/<c>pythonw.exe</c> of the same Scripts folder, so the pair stays relocatable.
/// </summary>
public static class ScriptLauncher
{
    /// <summary>The Python body shared by both platforms (imports the first part of a dotted attribute, calls the whole).</summary>
    public static string Body(ScriptEntryPoint entry)
    {
        var importName = entry.Attribute.Split('.')[0];
        return "# -*- coding: utf-8 -*-\n"
            + "import re\n"
            + "import sys\n"
            + $"from {entry.Module} import {importName}\n"
            + "if __name__ == \"__main__\":\n"
            + "    sys.argv[0] = re.sub(r\"(-script\\.pyw|\\.exe)?$\", \"\", sys.argv[0])\n"
            + $"    sys.exit({entry.Attribute}())\n";
    }

    /// <summary>The POSIX launcher file (to be made executable).</summary>
    public static byte[] Posix(ScriptEntryPoint entry, string interpreter)
        => Encoding.UTF8.GetBytes(Shebang.For(interpreter) + Body(entry));

    /// <summary>The Windows launcher files: (file name, bytes) pairs placed in Scripts.</summary>
    public static IReadOnlyList<(string FileName, byte[] Content)> Windows(ScriptEntryPoint entry)
    {
        var script = entry.Name + (entry.IsGui ? "-script.pyw" : "-script.py");
        var python = entry.IsGui ? "pythonw.exe" : "python.exe";
        var cmd = $"@echo off\r\n\"%~dp0{python}\" \"%~dp0{script}\" %*\r\nexit /b %ERRORLEVEL%\r\n";
        return
        [
            (script, Encoding.UTF8.GetBytes(Body(entry))),
            (entry.Name + ".cmd", Encoding.UTF8.GetBytes(cmd)),
        ];
    }
}
