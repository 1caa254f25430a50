using LlmPython.Resolver.Diagnostics;

namespace LlmPython.Resolver.Resolution;

/// <summary>A failed resolution, with the derivation that explains it.</summary>
public sealed class ResolutionException : LlmPyException
{
    public ResolutionException(string code, string message, IReadOnlyList<string> derivation,
        IReadOnlyList<string> conflictingPackages, IReadOnlyList<string> involvedPackages)
        : base(code, message)
    {
        Derivation = derivation;
        ConflictingPackages = conflictingPackages;
        InvolvedPackages = involvedPackages;
    }

    /// <summary>The PubGrub derivation, one readable sentence per line.</summary>
    public IReadOnlyList<string> Derivation { get; }

    /// <summary>
    /// The packages the failure is about: those with no usable version, else those whose requirements clash
    /// directly (normalized names, sorted).
    /// </summary>
    public IReadOnlyList<string> ConflictingPackages { get; }

    /// <summary>Every package named anywhere in the derivation (sorted).</summary>
    public IReadOnlyList<string> InvolvedPackages { get; }
}
