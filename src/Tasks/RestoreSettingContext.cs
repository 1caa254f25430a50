using System.Globalization;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Restore;

namespace LlmPython.Tasks;

/// <summary>How the text of a restore setting is read: paths relative to the project, booleans as MSBuild reads them, lists.</summary>
internal sealed class RestoreSettingContext(string projectDirectory)
{
    public string ProjectDirectory { get; } = projectDirectory;

    /// <summary>An absolute path, relative ones against the project folder; null when empty.</summary>
    public string? FullPath(string? value) => value is null ? null : Path.GetFullPath(value, ProjectDirectory);

    /// <summary>A path the restore cannot do without (the targets always give one).</summary>
    public string RequiredPath(string property, string? value) => FullPath(value)
        ?? throw new LlmPyException(DiagnosticCodes.Inputs.InvalidSetting,
            $"{property} is empty. Set it to a path (LlmPython.Sdk's targets default it), or remove the override that empties it.");

    /// <summary>MSBuild's own boolean words (true/false, on/off, yes/no, and ! in front), so a property reads as it did as a task parameter.</summary>
    public static bool Bool(string property, string? value)
    {
        if (value is null)
            return false;
        bool negate = value.StartsWith('!');
        switch ((negate ? value[1..] : value).Trim().ToLowerInvariant())
        {
            case "true" or "on" or "yes": return !negate;
            case "false" or "off" or "no": return negate;
            default:
                throw new LlmPyException(DiagnosticCodes.Inputs.InvalidSetting,
                    $"{property} is '{value}'; use true or false, e.g. <{property}>true</{property}>.");
        }
    }

    /// <summary><c>a;b</c>, comma also accepted; empty entries dropped.</summary>
    public static IReadOnlyList<string> List(string? value)
        => value is null ? [] : value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>PythonHttpTimeout: seconds without a byte before a try fails (empty = 30).</summary>
    public static TimeSpan HttpTimeout(string? value)
    {
        if (value is null)
            return RestoreRequest.DefaultHttpTimeout;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 86400)
            return TimeSpan.FromSeconds(seconds);
        throw new LlmPyException(DiagnosticCodes.Http.InvalidHttpTimeout,
            $"PythonHttpTimeout '{value}' is not a number of seconds between 0 and 86400. Set it to the seconds a download may go without a byte (default 30), e.g. <PythonHttpTimeout>120</PythonHttpTimeout>.");
    }
}
