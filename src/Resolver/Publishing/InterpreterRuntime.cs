using System.Text.Json;
using LlmPython.Resolver.Accelerators;
using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Publishing;

/// <summary>
/// Where an installed interpreter keeps what a copy of it needs: the binary, the standard library, the extension
/// modules (lib-dynload / DLLs) and the shared libpython, as the interpreter itself reports them.
/// </summary>
public sealed record InterpreterRuntime(
    string Executable, string Version, string Prefix, string Stdlib, string? DynLoad, string? LibPython, bool IsWindows)
{
    /// <summary>"3.11" of "3.11.7".</summary>
    public string MajorMinor => string.Join('.', Version.Split('.').Take(2));

    private const string ProbeScript = """
import json, os, sys, sysconfig
v = sysconfig.get_config_var
dynload = next((p for p in sys.path if os.path.basename(p) in ("lib-dynload", "DLLs")), None) or v("DESTSHARED")
lib = None
if os.name == "nt":
    lib = os.path.join(sys.base_prefix, "python%d%d.dll" % sys.version_info[:2])
elif v("Py_ENABLE_SHARED"):
    for d in (v("LIBDIR"), os.path.join(v("LIBDIR") or "", v("MULTIARCH") or "")):
        for n in (v("INSTSONAME"), v("LDLIBRARY")):
            if d and n and os.path.isfile(os.path.join(d, n)) and lib is None:
                lib = os.path.realpath(os.path.join(d, n))
print(json.dumps({"executable": os.path.realpath(sys.executable), "version": "%d.%d.%d" % sys.version_info[:3],
                  "prefix": sys.base_prefix, "stdlib": sysconfig.get_paths()["stdlib"], "dynload": dynload,
                  "libpython": lib if lib and os.path.isfile(lib) else None, "windows": os.name == "nt"}))
""";

    /// <summary>Asks <paramref name="executable"/> (a base interpreter, not a venv's) for its layout.</summary>
    public static InterpreterRuntime Probe(string executable, IProcessRunner? runner = null)
    {
        var result = (runner ?? new SystemProcessRunner()).Run(executable, ["-I", "-S", "-c", ProbeScript], TimeSpan.FromSeconds(60));
        if (result is null || result.ExitCode != 0)
            throw new LlmPyException(DiagnosticCodes.Publish.RuntimeProbeFailed,
                $"The interpreter '{executable}' could not be started to copy it into the publish folder{(result is null ? "" : ": " + result.StandardError.Trim())}. " +
                "Build the project again so its environment names an existing interpreter, or publish with PythonSelfContained=false.");
        try
        {
            using var json = JsonDocument.Parse(result.StandardOutput);
            var root = json.RootElement;
            string? Get(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return new InterpreterRuntime(Get("executable")!, Get("version")!, Get("prefix")!, Get("stdlib")!, Get("dynload"), Get("libpython"),
                root.GetProperty("windows").GetBoolean());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new LlmPyException(DiagnosticCodes.Publish.RuntimeProbeFailed,
                $"The interpreter '{executable}' answered the layout question with '{result.StandardOutput.Trim()}', which is not what Python prints. Publish with PythonSelfContained=false.", e);
        }
    }
}
