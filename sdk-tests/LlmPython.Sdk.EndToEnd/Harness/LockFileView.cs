using System.Text.Json;

namespace LlmPython.Sdk.EndToEnd.Harness;

/// <summary>A read-only look at python.lock.json as a test sees it: one row per locked package and environment.</summary>
public sealed record LockedPackageRow(string Environment, string? Backend, string Name, string Version, string Url, string Sha256);

public static class LockFileView
{
    public static IReadOnlyList<LockedPackageRow> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var rows = new List<LockedPackageRow>();
        foreach (var environment in document.RootElement.GetProperty("environments").EnumerateArray())
        {
            string name = environment.GetProperty("name").GetString()!;
            string? backend = environment.TryGetProperty("backend", out var b) ? b.GetString() : null;
            foreach (var package in environment.GetProperty("packages").EnumerateArray())
            {
                rows.Add(new LockedPackageRow(name, backend,
                    package.GetProperty("name").GetString()!,
                    package.GetProperty("version").GetString()!,
                    package.GetProperty("url").GetString()!,
                    package.GetProperty("sha256").GetString()!));
            }
        }
        return rows;
    }

    /// <summary>The single locked row of <paramref name="name"/> (fails the test when there are none or several).</summary>
    public static LockedPackageRow Single(string path, string name)
        => Assert.Single(Read(path), r => r.Name == name);
}
