using System.Collections;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;

namespace LlmPython.Tasks;

/// <summary>
/// The identity of one PythonRestore call for the no-op fast path: the items as MSBuild passed them (with all
/// their metadata) and the settings of <see cref="RestoreSettingTable"/> that decide what is installed, the environment variables interpreter discovery and GPU description
/// read, the time stamps of the folders discovery searches (a newly installed python3.11 on PATH or in pyenv
/// must be found), and this task assembly's build. Computed from strings and a few stats only.
/// </summary>
internal static class RestoreInputsKey
{
    private static readonly string[] EnvironmentVariables =
        ["PATH", "PYENV_ROOT", "HOME", "USERPROFILE", "LLMPYTHON_CUDA_DRIVER", "LLMPYTHON_COMPUTE_CAPABILITY"];

    public static string Compute(RestoreTaskBase task)
    {
        var text = new StringBuilder(4096);
        void Add(string name, string? value) => text.Append(name).Append('=').Append(value).Append('\n');

        Add("format", "2");
        Add("tasks", typeof(RestoreInputsKey).Assembly.ManifestModule.ModuleVersionId.ToString());
        Add("os", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier);
        Add("ProjectPath", task.ProjectPath);
        AddItems(text, "PythonPackage", task.PythonPackages);
        AddItems(text, "PythonIndex", task.PythonIndexes);
        AddItems(text, "PythonFindLinks", task.PythonFindLinks);
        AddItems(text, "PythonConstraint", task.PythonConstraints);
        AddItems(text, "PythonRequirementsFile", task.PythonRequirementsFiles);
        AddItems(text, "PythonProject", task.PythonProjects);
        // The files' contents (and what they include, and the ${VAR}s they use) decide the request as much as items do.
        if (task.PythonRequirementsFiles.Length + task.PythonProjects.Length > 0)
            LlmPython.Resolver.ProjectFiles.ProjectFileFingerprint.Describe(text,
                task.PythonRequirementsFiles.Select(i => task.ToFilePath(i, "PythonRequirementsFile")),
                task.PythonProjects.Select(i => task.ToFilePath(i, "PythonProject")));
        // The settings: every row of the table that decides what is installed (the table says why a row is left out).
        foreach (var setting in RestoreSettingTable.All.Where(s => s.InNoOpKey))
            Add(setting.Property, task.Setting(setting.Property));
        Add("cwd", Directory.GetCurrentDirectory()); // relative paths in items resolve against it

        foreach (var name in EnvironmentVariables)
            Add("env:" + name, Environment.GetEnvironmentVariable(name));
        foreach (var folder in DiscoveryFolders())
            Add("dir:" + folder, FolderStamp(folder));

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // Items in order, each with every metadata value (custom ones sorted by name) and where it was defined.
    private static void AddItems(StringBuilder text, string type, ITaskItem[] items)
    {
        foreach (var item in items)
        {
            text.Append(type).Append('=').Append(item.ItemSpec).Append('\n');
            text.Append(" defined=").Append(item.GetMetadata("DefiningProjectFullPath")).Append('\n');
            var custom = item.CloneCustomMetadata();
            var names = new List<string>(custom.Count);
            foreach (DictionaryEntry entry in custom)
                names.Add((string)entry.Key);
            names.Sort(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names)
                text.Append(' ').Append(name).Append('=').Append(custom[name] as string).Append('\n');
        }
    }

    private static string FolderStamp(string folder)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.GetLastWriteTimeUtc(folder).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return "?";
        }
    }

    // PATH's folders and pyenv's versions folder: adding or removing an interpreter there changes the folder's time stamp.
    // pyenv's shims folder is skipped as discovery skips it (pyenv rewrites it on every rehash).
    private static IEnumerable<string> DiscoveryFolders()
    {
        var pyenv = Environment.GetEnvironmentVariable("PYENV_ROOT");
        if (string.IsNullOrEmpty(pyenv))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            pyenv = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".pyenv");
        }
        var shims = pyenv is null ? null : Path.Combine(pyenv, "shims");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (shims is null || !string.Equals(dir.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), shims, StringComparison.Ordinal))
                yield return dir;
        if (pyenv is not null)
            yield return Path.Combine(pyenv, "versions");
    }
}
