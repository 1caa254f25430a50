namespace LlmPython.Resolver.Requirements;

/// <summary>
/// The PEP 508 marker variables of one target environment (python_version, sys_platform, …).
/// Keys are the PEP 508 variable names.
/// </summary>
public sealed partial class MarkerEnvironment
{
    public MarkerEnvironment(IReadOnlyDictionary<string, string> values) { Values = values; }
    public IReadOnlyDictionary<string, string> Values { get; }
    public string? this[string variable] => Values.TryGetValue(variable, out var v) ? v : null;
}
