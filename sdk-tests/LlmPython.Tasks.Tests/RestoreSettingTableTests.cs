using LlmPython.Resolver.Diagnostics;
using System.Collections;
using System.Reflection;
using LlmPython.Resolver.Restore;

namespace LlmPython.Tasks.Tests;

/// <summary>
/// The settings table is the one map from MSBuild properties to the engine request and the no-op key: every request member
/// that is a setting has a row, every row reaches the request and (unless it says why not) the key, and every property the
/// targets put on <c>_PythonRestoreSettings</c> has a row.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RestoreSettingTableTests
{
    private const string Project = "/p/App.csproj";

    /// <summary>RestoreRequest members that are not restore settings: the items, what the engine derives, and per-call switches.</summary>
    private static readonly string[] NotSettings =
    [
        nameof(RestoreRequest.ProjectPath), // the carrier's Include
        nameof(RestoreRequest.Packages), nameof(RestoreRequest.Indexes), nameof(RestoreRequest.FindLinks), nameof(RestoreRequest.Constraints),
        nameof(RestoreRequest.RequirementsFiles), nameof(RestoreRequest.Projects), // the item lists, keyed item by item
        nameof(RestoreRequest.RequiredHashes), nameof(RestoreRequest.RequiresPython), // read from those files by the engine
        nameof(RestoreRequest.DeclaredMetadata), // the items' own metadata names, keyed with the items
        nameof(RestoreRequest.LockOnly), nameof(RestoreRequest.FromLockFileOnly), nameof(RestoreRequest.NoOpKey), // per task call
    ];

    /// <summary>A value for each setting that differs from the default the targets give; a new row without one fails here.</summary>
    private static readonly Dictionary<string, string> Samples = new()
    {
        ["PythonVersion"] = "3.12", ["PythonExecutable"] = "/opt/py/bin/python3", ["PythonIndexUrl"] = "https://mirror.example/simple",
        ["PyTorchIndexUrl"] = "https://mirror.example/whl", ["RestoreConfigFile"] = "/p/NuGet.Config", ["PythonCuda"] = "cu121",
        ["PythonTargetCudaDriver"] = "535.104.05", ["PythonTargetComputeCapability"] = "8.6", ["PythonLockFile"] = "other.lock.json",
        ["PythonRestoreLockedMode"] = "true", ["PythonUpdatePackages"] = "torch", ["PythonOffline"] = "true", ["PythonHttpTimeout"] = "5",
        ["PythonRefresh"] = "true", ["PythonCacheDirectory"] = "/tmp/cache", ["PythonEnvironmentDirectory"] = "obj/other/venv/",
        ["PythonAllowSourceBuilds"] = "true", ["PythonSourceBuildPackages"] = "jieba", ["PythonAllowPrereleases"] = "true",
        ["PythonCompileBytecode"] = "true", ["RuntimeIdentifier"] = "win-x64",
    };

    [Fact]
    public void Every_request_member_that_is_a_setting_has_exactly_one_row()
    {
        var members = typeof(RestoreRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)
            .Except(NotSettings).Order().ToList();
        var rows = RestoreSettingTable.All.Select(s => s.RequestMember).ToList();

        Assert.Equal(members, rows.Order().ToList());
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(RestoreSettingTable.All.Count, RestoreSettingTable.All.Select(s => s.Property).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    public static TheoryData<string> Properties => [.. RestoreSettingTable.All.Select(s => s.Property)];

    [Theory]
    [MemberData(nameof(Properties))]
    public void Each_row_sets_its_request_member_and_enters_the_no_op_key_unless_it_says_why_not(string property)
    {
        var row = RestoreSettingTable.All.Single(s => s.Property == property);
        Assert.True(Samples.TryGetValue(property, out var sample), $"Add a sample value for the new setting {property} to this test.");

        var before = Task();
        var after = Task((property, sample));

        var member = typeof(RestoreRequest).GetProperty(row.RequestMember)!;
        Assert.False(SameValue(member.GetValue(before.BuildRequest()), member.GetValue(after.BuildRequest())),
            $"{property}={sample} does not change RestoreRequest.{row.RequestMember}");
        var keyChanged = RestoreInputsKey.Compute(before) != RestoreInputsKey.Compute(after);
        if (row.InNoOpKey)
            Assert.True(keyChanged, $"{property} changes the request but not the no-op key: a build would skip the restore after it changed.");
        else
            Assert.False(keyChanged, $"{property} is left out of the no-op key ({row.NotInNoOpKeyBecause}) but changes it.");
    }

    [Fact]
    public void RestoreConfigFile_is_in_the_no_op_key()
        => Assert.NotEqual(RestoreInputsKey.Compute(Task()), RestoreInputsKey.Compute(Task(("RestoreConfigFile", "/p/other/NuGet.Config"))));

    [Fact]
    public void The_targets_put_exactly_the_table_s_properties_on_the_carrier_item()
    {
        using var project = new SdkTargetsProject("""
            <PropertyGroup>
              <PythonVersion>3.12</PythonVersion>
              <PythonLockFile>locks/app.lock.json</PythonLockFile>
            </PropertyGroup>
            """);

        var instance = project.Build(["_PythonComputeRestoreSettings"], ("RestoreConfigFile", "/p/NuGet.Config"));

        var carrier = Assert.Single(instance.GetItems("_PythonRestoreSettings"));
        Assert.Equal(project.ProjectPath, carrier.EvaluatedInclude);
        var metadata = carrier.Metadata.Select(m => m.Name).Where(n => !n.StartsWith("Defining", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(RestoreSettingTable.All.Select(s => s.Property).Order().ToList(), metadata);
        // Each metadata is its property's value as the targets left it (defaults applied, paths made absolute).
        foreach (var name in metadata)
            Assert.Equal(instance.GetPropertyValue(name), carrier.GetMetadataValue(name));
        Assert.Equal(Path.Combine(project.Directory, "locks", "app.lock.json"), carrier.GetMetadataValue("PythonLockFile"));
        Assert.Equal("/p/NuGet.Config", carrier.GetMetadataValue("RestoreConfigFile"));
    }

    [Theory]
    [InlineData("PythonOffline", "maybe")]
    [InlineData("PythonCompileBytecode", "1")]
    [InlineData("PythonLockFile", " ")]
    public void A_malformed_setting_is_LLMPY0050_naming_the_property(string property, string value)
    {
        var engine = new FakeBuildEngine(Project);
        var task = Task((property, value));
        task.BuildEngine = engine;

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(DiagnosticCodes.Inputs.InvalidSetting, error.Code);
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("No", false)]
    [InlineData("!false", true)]
    [InlineData("", false)]
    public void Booleans_read_as_MSBuild_reads_a_bool_task_parameter(string value, bool expected)
        => Assert.Equal(expected, Task(("PythonOffline", value)).BuildRequest().Offline);

    private static PythonRestore Task(params (string Property, string Value)[] settings) => new()
    {
        BuildEngine = new FakeBuildEngine(Project),
        RestoreSettings = SettingsItem.For(Project, settings),
        PythonPackages = [new Microsoft.Build.Utilities.TaskItem("hello-llm")],
    };

    private static bool SameValue(object? a, object? b)
        => a is IEnumerable x && b is IEnumerable y && a is not string ? x.Cast<object>().SequenceEqual(y.Cast<object>()) : Equals(a, b);
}
