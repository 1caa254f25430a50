namespace LlmPython.TestSupport;

/// <summary>
/// The wheels and requirement sets of a many-project solution as a team's CI has it: 10 wheels of 9 projects
/// (common-utils in two versions), three distinct top-level requirements that share dependencies. Project
/// <c>i</c> of a solution requires <see cref="TopLevel"/>[i % 3], so a solution of 20 projects has 3 distinct input sets.
/// </summary>
public static class ThreeStackSolution
{
    public static IReadOnlyList<string> TopLevel { get; } = ["alpha-core", "beta-core", "gamma-core"];

    /// <summary>What each top-level requirement resolves to (name → version).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Expected { get; } = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["alpha-core"] = new Dictionary<string, string> { ["alpha-core"] = "1.0", ["common-utils"] = "1.1", ["log-helpers"] = "0.3" },
        ["beta-core"] = new Dictionary<string, string> { ["beta-core"] = "1.0", ["common-utils"] = "1.1", ["data-tools"] = "2.0", ["numeric-lite"] = "0.5" },
        ["gamma-core"] = new Dictionary<string, string>
        {
            ["gamma-core"] = "1.0", ["data-tools"] = "2.0", ["numeric-lite"] = "0.5", ["text-utils"] = "3.0", ["common-utils"] = "1.0", ["io-helpers"] = "1.2",
        },
    };

    public static string TopLevelFor(int project) => TopLevel[project % TopLevel.Count];

    public static IReadOnlyList<WheelBuilder> Wheels()
    {
        static WheelBuilder Wheel(string name, string version, params string[] requires)
        {
            var module = name.Replace('-', '_');
            var wheel = new WheelBuilder(name, version).AddFile($"{module}/__init__.py", $"NAME = '{name}'\nVERSION = '{version}'\n");
            wheel.RequiresDist.AddRange(requires);
            return wheel;
        }
        return
        [
            Wheel("alpha-core", "1.0", "common-utils>=1.0", "log-helpers"),
            Wheel("beta-core", "1.0", "common-utils", "data-tools>=2"),
            Wheel("gamma-core", "1.0", "data-tools", "text-utils", "io-helpers"),
            Wheel("common-utils", "1.0"),
            Wheel("common-utils", "1.1"),
            Wheel("data-tools", "2.0", "numeric-lite>=0.5"),
            Wheel("numeric-lite", "0.5"),
            Wheel("text-utils", "3.0", "common-utils<1.1"),
            Wheel("log-helpers", "0.3"),
            Wheel("io-helpers", "1.2"),
        ];
    }

    /// <summary>
    /// Writes <paramref name="count"/> class libraries <c>p00</c>… under <paramref name="root"/> and <c>All.slnx</c> listing
    /// them. With <paramref name="indexUrl"/> each uses LlmPython.Sdk <paramref name="sdkVersion"/>, requires
    /// <see cref="TopLevelFor"/> its number from that index and shares the cache <c>root/cache</c>; without it the same
    /// projects have no Python items (the baseline a benchmark compares with). Returns the project files.
    /// </summary>
    public static IReadOnlyList<string> WriteSolution(string root, int count, string sdkVersion, string? indexUrl)
    {
        var projects = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = $"p{i:00}";
            var folder = Path.Combine(root, name);
            Directory.CreateDirectory(folder);
            var python = indexUrl is null ? "" :
                $"    <PythonVersion>3.11</PythonVersion>\n    <PythonIndexUrl>{indexUrl}</PythonIndexUrl>\n" +
                "    <PythonCacheDirectory>$(MSBuildProjectDirectory)/../cache</PythonCacheDirectory>\n  </PropertyGroup>\n" +
                $"  <ItemGroup>\n    <PythonPackage Include=\"{TopLevelFor(i)}\" />\n  </ItemGroup>\n  <PropertyGroup>\n";
            var path = Path.Combine(folder, name + ".csproj");
            File.WriteAllText(path, $"<Project Sdk=\"LlmPython.Sdk/{sdkVersion}\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n" +
                python + "  </PropertyGroup>\n</Project>\n");
            File.WriteAllText(Path.Combine(folder, "Class1.cs"), $"namespace {name.ToUpperInvariant()};\npublic static class Class1 {{ public const string Name = \"{name}\"; }}\n");
            projects.Add(path);
        }
        File.WriteAllText(Path.Combine(root, "All.slnx"),
            "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{Path.GetRelativePath(root, p).Replace('\\', '/')}\" />\n")) + "</Solution>\n");
        return projects;
    }
}
