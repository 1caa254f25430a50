using LlmPython.TestSupport;

namespace LlmPython.TestSupport;

/// <summary>
/// Real PEP 517 backends as wheels for a local index: setuptools from CPython 3.11's ensurepip bundle, and wheel, flit_core,
/// hatchling (with packaging, pathspec, pluggy) repacked from Debian's python3 packages in /usr/lib/python3/dist-packages
/// (.ci/run installs python3-wheel, python3-hatchling and flit).
/// </summary>
public static class BuildBackendWheels
{
    private const string DistPackages = "/usr/lib/python3/dist-packages";

    public static string PyenvRoot => Environment.GetEnvironmentVariable("PYENV_ROOT")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");

    public static string BasePython311 => Path.Combine(PyenvRoot, "versions", "3.11.7", "bin", "python3");

    /// <summary>(file name, bytes) of every backend wheel.</summary>
    public static IEnumerable<(string FileName, byte[] Content)> All()
    {
        var bundled = Directory.EnumerateFiles(Path.Combine(PyenvRoot, "versions"), "setuptools-*.whl", SearchOption.AllDirectories)
            .Where(p => p.Contains("python3.11", StringComparison.Ordinal) && p.Contains("_bundled", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).First();
        yield return (Path.GetFileName(bundled), File.ReadAllBytes(bundled));
        yield return Repack("wheel", "0.38.4", ["wheel"], [], "[distutils.commands]\nbdist_wheel = wheel.bdist_wheel:bdist_wheel\n");
        yield return Repack("flit-core", "3.8.0", ["flit_core"], []);
        yield return Repack("packaging", "23.0", ["packaging"], []);
        yield return Repack("pathspec", "0.11.0", ["pathspec"], []);
        yield return Repack("pluggy", "1.0.0", ["pluggy"], []);
        // editables is only imported for editable installs (out of scope), and Debian does not package it: left out of Requires-Dist.
        yield return Repack("hatchling", "1.12.2", ["hatchling"], ["packaging>=21.3", "pathspec>=0.10.1", "pluggy>=1.0.0"]);
    }

    private static (string, byte[]) Repack(string name, string version, string[] packages, string[] requires, string? entryPoints = null)
    {
        var wheel = new WheelBuilder(name, version);
        foreach (var package in packages)
        {
            var root = Path.Combine(DistPackages, package);
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(DistPackages, file).Replace('\\', '/');
                if (relative.Contains("__pycache__", StringComparison.Ordinal)) continue;
                wheel.AddFile(relative, File.ReadAllBytes(file));
            }
        }
        wheel.RequiresDist.AddRange(requires);
        if (entryPoints is not null) wheel.AddDistInfoFile("entry_points.txt", entryPoints);
        return (wheel.FileName, wheel.Build());
    }
}
