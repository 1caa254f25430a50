namespace LlmPython.Resolver.Tags;

/// <summary>The operating-system families that have their own platform-tag rules.</summary>
public enum TargetOs
{
    Linux,
    MacOS,
    Windows,
    Ios,
    Android,
}
