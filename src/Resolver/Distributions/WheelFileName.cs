using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Tags;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Distributions;

// CONTRACT STUB: the Tags helper replaces the bodies; keep these public signatures.
/// <summary>A PEP 427 wheel file name: name-version[-build]-python-abi-platform.whl.</summary>
public sealed partial class WheelFileName
{
    /// <summary>Throws <see cref="FormatException"/> on bad input. Accepts %2B-encoded '+'.</summary>
    public static WheelFileName Parse(string fileName) => throw new NotImplementedException();
    public static bool TryParse(string fileName, out WheelFileName wheel) => throw new NotImplementedException();
    public PackageName Name => throw new NotImplementedException();
    public Pep440Version Version => throw new NotImplementedException();
    /// <summary>Build tag number and suffix, or null.</summary>
    public (int Number, string Suffix)? Build => throw new NotImplementedException();
    /// <summary>Expanded tags (compressed tag sets expanded).</summary>
    public IReadOnlyList<WheelTag> Tags => throw new NotImplementedException();
    public string FileName => throw new NotImplementedException();
}
