namespace LlmPython.Resolver.Diagnostics;

/// <summary>
/// The numbers (inclusive) an area of <see cref="DiagnosticCodes"/> may use; a unit test fails on a code outside its range.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CodeRangeAttribute(int first, int last) : Attribute
{
    public int First { get; } = first;
    public int Last { get; } = last;
}
