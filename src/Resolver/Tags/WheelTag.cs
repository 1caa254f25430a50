namespace LlmPython.Resolver.Tags;

/// <summary>One PEP 425 tag triple, lower-case: interpreter-abi-platform.</summary>
public readonly record struct WheelTag(string Interpreter, string Abi, string Platform)
{
    public override string ToString() => $"{Interpreter}-{Abi}-{Platform}";
}
