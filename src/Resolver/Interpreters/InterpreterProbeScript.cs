namespace LlmPython.Resolver.Interpreters;

/// <summary>
/// The Python program run once per interpreter (python -I -c …). It prints one JSON object with
/// everything the resolver, the tag computation and the venv writer need. It must run on 3.6–3.13,
/// so it avoids newer syntax and modules.
/// </summary>
internal static class InterpreterProbeScript
{
    /// <summary>Bumped when the script's answer changes shape, so cached answers are not reused.</summary>
    public const int Version = 2;

    public const string Source = """
import json, os, platform, struct, sys, sysconfig
from importlib.machinery import EXTENSION_SUFFIXES

def cv(name):
    v = sysconfig.get_config_var(name)
    return v if v is None or isinstance(v, (int, str)) else str(v)

def truth(name):
    v = sysconfig.get_config_var(name)
    return None if v is None else bool(v)

def full(info):
    v = "%d.%d.%d" % (info.major, info.minor, info.micro)
    if info.releaselevel != "final":
        v += {"alpha": "a", "beta": "b", "candidate": "rc"}.get(info.releaselevel, info.releaselevel) + str(info.serial)
    return v

glibc = None
try:
    glibc = os.confstr("CS_GNU_LIBC_VERSION")
except (AttributeError, OSError, ValueError):
    pass

musl = None
if sys.platform.startswith("linux") and not glibc:
    import glob, subprocess
    for loader in sorted(glob.glob("/lib/ld-musl-*.so.1")):
        try:
            musl = subprocess.run([loader], stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True).stderr
            break
        except OSError:
            pass

elf = None
try:
    with open(sys.executable, "rb") as f:
        h = f.read(64)
    if h[:4] == b"\x7fELF" and len(h) >= 52:
        end = "<" if h[5] == 1 else ">"
        flags_at = 36 if h[4] == 1 else 48
        elf = {"class": h[4], "data": h[5], "machine": struct.unpack(end + "H", h[18:20])[0],
               "flags": struct.unpack(end + "I", h[flags_at:flags_at + 4])[0]}
except (OSError, struct.error):
    pass

mac = platform.mac_ver()[0] or None
if mac and mac.startswith("10.16"):
    # Built against an old macOS SDK, Python reports 10.16; ask again without the compatibility shim.
    import subprocess
    try:
        mac = subprocess.run([sys.executable, "-sS", "-c", "import platform; print(platform.mac_ver()[0])"],
                             stdout=subprocess.PIPE, universal_newlines=True,
                             env=dict(os.environ, SYSTEM_VERSION_COMPAT="0")).stdout.strip() or mac
    except OSError:
        pass

paths = sysconfig.get_paths()
print(json.dumps({
    "probe_version": PROBE_VERSION,
    "version": full(sys.version_info),
    "version_info": list(sys.version_info[:3]),
    "implementation": sys.implementation.name,
    "markers": {
        "implementation_name": sys.implementation.name,
        "implementation_version": full(sys.implementation.version),
        "os_name": os.name,
        "platform_machine": platform.machine(),
        "platform_python_implementation": platform.python_implementation(),
        "platform_release": platform.release(),
        "platform_system": platform.system(),
        "platform_version": platform.version(),
        "python_full_version": platform.python_version(),
        "python_version": ".".join(platform.python_version_tuple()[:2]),
        "sys_platform": sys.platform,
    },
    "sys_platform": sys.platform,
    "sysconfig_platform": sysconfig.get_platform(),
    "soabi": cv("SOABI"),
    "ext_suffix": cv("EXT_SUFFIX"),
    "abiflags": getattr(sys, "abiflags", None),
    "py_debug": truth("Py_DEBUG"),
    "with_pymalloc": truth("WITH_PYMALLOC"),
    "py_unicode_size": cv("Py_UNICODE_SIZE") if isinstance(cv("Py_UNICODE_SIZE"), int) else None,
    "py_gil_disabled": truth("Py_GIL_DISABLED"),
    "py_version_nodot": cv("py_version_nodot"),
    "has_total_refcount": hasattr(sys, "gettotalrefcount"),
    "extension_suffixes": list(EXTENSION_SUFFIXES),
    "max_unicode": sys.maxunicode,
    "pointer_size": struct.calcsize("P"),
    "glibc_version": glibc,
    "musl_loader_output": musl,
    "mac_version": mac,
    "elf": elf,
    "executable": sys.executable,
    "real_executable": os.path.realpath(sys.executable),
    "prefix": sys.prefix,
    "base_prefix": getattr(sys, "base_prefix", sys.prefix),
    "base_exec_prefix": getattr(sys, "base_exec_prefix", sys.exec_prefix),
    "stdlib": paths.get("stdlib"),
    "platstdlib": paths.get("platstdlib"),
    "purelib": paths.get("purelib"),
    "platlib": paths.get("platlib"),
    "include": paths.get("include"),
    "scripts": paths.get("scripts"),
}))
""";

    /// <summary>The script with its version filled in.</summary>
    public static string Text => Source.Replace("PROBE_VERSION", Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
