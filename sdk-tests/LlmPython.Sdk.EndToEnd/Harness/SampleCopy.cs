namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>
/// Copies samples from the repo into a throw-away folder, keeping their layout relative to each other
/// (samples/X → &lt;root&gt;/X), leaving out build outputs and locks, and pointing their SDK references
/// (<c>LlmPython.Sdk/0.1.0</c>, <c>&lt;Sdk Name="LlmPython.Sdk" Version="0.1.0" /&gt;</c>) at the packed test version.
/// </summary>
public static class SampleCopy
{
    private static readonly string[] Skipped = ["bin", "obj", "python.lock.json", ".gitignore", "__pycache__"];

    /// <summary>Copies <c>samples/&lt;relativePath&gt;</c> to <c>&lt;root&gt;/&lt;relativePath&gt;</c>; returns the copy's path.</summary>
    public static string Copy(string root, string relativePath, string sdkVersion)
    {
        string source = Path.Combine(RepoPaths.Root, "samples", relativePath);
        string target = Path.Combine(root, relativePath);
        CopyDirectory(source, target, sdkVersion);
        return target;
    }

    private static void CopyDirectory(string source, string target, string sdkVersion)
    {
        Directory.CreateDirectory(target);
        foreach (string file in Directory.EnumerateFiles(source))
        {
            string name = Path.GetFileName(file);
            if (Skipped.Contains(name))
                continue;
            string destination = Path.Combine(target, name);
            if (name.EndsWith("proj", StringComparison.Ordinal))
                File.WriteAllText(destination, File.ReadAllText(file)
                    .Replace("\"LlmPython.Sdk/0.1.0\"", $"\"LlmPython.Sdk/{sdkVersion}\"", StringComparison.Ordinal)
                    .Replace("<Sdk Name=\"LlmPython.Sdk\" Version=\"0.1.0\" />", $"<Sdk Name=\"LlmPython.Sdk\" Version=\"{sdkVersion}\" />", StringComparison.Ordinal));
            else
                File.Copy(file, destination);
        }
        foreach (string directory in Directory.EnumerateDirectories(source))
        {
            if (!Skipped.Contains(Path.GetFileName(directory)))
                CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)), sdkVersion);
        }
    }
}
