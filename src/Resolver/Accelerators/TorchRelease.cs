namespace LlmPython.Resolver.Accelerators;

/// <summary>One torch release and the torchvision / torchaudio releases built with it (a row of <c>torch-variants.tsv</c>).</summary>
public sealed record TorchRelease(
    string TorchVersion,
    /// <summary>The paired torchvision version, or null when the table does not know it.</summary>
    string? Torchvision,
    /// <summary>The paired torchaudio version, or null when none was released for this torch.</summary>
    string? Torchaudio,
    /// <summary>Backends the PyTorch index publishes this release for (<c>cpu</c>, <c>cu121</c>, …); empty when unknown.</summary>
    IReadOnlyList<string> Variants,
    /// <summary>The CUDA build that PyPI's plain <c>torch</c> wheel is, or null.</summary>
    string? PypiDefaultCuda,
    /// <summary>The row carries an UNCONFIRMED mark somewhere (pairing or variants).</summary>
    bool HasUnconfirmedFacts);
