using LlmPython.Tasks;
using Microsoft.Build.Utilities;

namespace LlmPython.Tasks.Tests;

/// <summary>The no-op fast path's key: equal for equal task inputs, different when anything the restore reads changes.</summary>
[Trait("Category", "Unit")]
public sealed class RestoreInputsKeyTests
{
    private static PythonRestore Task(Action<PythonRestore>? change = null)
    {
        var task = new PythonRestore
        {
            BuildEngine = new FakeBuildEngine("/p/App.csproj"),
            RestoreSettings = SettingsItem.For("/p/App.csproj", ("PythonVersion", "3.11")),
            PythonPackages = [new TaskItem("hello-llm", new Dictionary<string, string> { ["Version"] = ">=0.1" })],
        };
        change?.Invoke(task);
        return task;
    }

    [Fact]
    public void Equal_inputs_give_the_same_key()
        => Assert.Equal(RestoreInputsKey.Compute(Task()), RestoreInputsKey.Compute(Task()));

    public static TheoryData<string> Changes => ["metadata", "new metadata", "item", "item order", "property", "bool property", "index", "constraint"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_changed_input_changes_the_key(string change)
    {
        Action<PythonRestore> edit = change switch
        {
            "metadata" => t => t.PythonPackages[0].SetMetadata("Version", ">=0.2"),
            "new metadata" => t => t.PythonPackages[0].SetMetadata("Extras", "cli"),
            "item" => t => t.PythonPackages = [.. t.PythonPackages, new TaskItem("tiny-colors")],
            "item order" => t => t.PythonPackages = [new TaskItem("tiny-colors"), .. t.PythonPackages],
            "property" => t => t.RestoreSettings.SetMetadata("PythonVersion", "3.12"),
            "bool property" => t => t.RestoreSettings.SetMetadata("PythonCompileBytecode", "true"),
            "index" => t => t.PythonIndexes = [new TaskItem("https://example.invalid/simple")],
            _ => t => t.PythonConstraints = [new TaskItem("numpy", new Dictionary<string, string> { ["Version"] = "<2" })],
        };
        Assert.NotEqual(RestoreInputsKey.Compute(Task()), RestoreInputsKey.Compute(Task(edit)));
    }

    [Fact]
    public void A_requirements_file_is_an_input_with_what_it_includes_and_the_variables_it_uses()
    {
        var dir = Directory.CreateTempSubdirectory("llmpython-key-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "requirements.txt"), "-c constraints.txt\nhello-llm==${HELLO_VERSION_FOR_KEY_TEST}\n");
            File.WriteAllText(Path.Combine(dir, "constraints.txt"), "numpy<2\n");
            File.WriteAllText(Path.Combine(dir, "pyproject.toml"), "[project]\ndependencies = []\n");
            string Key() => RestoreInputsKey.Compute(Task(t =>
            {
                t.PythonRequirementsFiles = [new TaskItem(Path.Combine(dir, "requirements.txt"))];
                t.PythonProjects = [new TaskItem(Path.Combine(dir, "pyproject.toml"))];
            }));

            var key = Key();
            Assert.Equal(key, Key());
            Assert.NotEqual(RestoreInputsKey.Compute(Task()), key);

            File.WriteAllText(Path.Combine(dir, "constraints.txt"), "numpy<3\n");
            var edited = Key();
            Assert.NotEqual(key, edited);

            Environment.SetEnvironmentVariable("HELLO_VERSION_FOR_KEY_TEST", "0.2");
            var withVariable = Key();
            Environment.SetEnvironmentVariable("HELLO_VERSION_FOR_KEY_TEST", null);
            Assert.NotEqual(edited, withVariable);

            File.WriteAllText(Path.Combine(dir, "pyproject.toml"), "[project]\ndependencies = [\"numpy\"]\n");
            Assert.NotEqual(edited, Key());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
