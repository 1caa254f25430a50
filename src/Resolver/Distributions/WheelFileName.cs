using System.Globalization;
using System.Text.RegularExpressions;
using LlmPython.Resolver.Requirements;
using LlmPython.Resolver.Tags;
using LlmPython.Resolver.Versioning;

namespace LlmPython.Resolver.Distributions;

/// <summary>A PEP 427 wheel file name: name-version[-build]-python-abi-platform.whl.</summary>
public sealed partial class WheelFileName
{
    /// <summary>Most tags a compressed tag set in a file name may expand to: guards against absurd names.</summary>
    public const int MaxTags = 4096;

    private WheelFileName(string fileName, PackageName name, Pep440Version version, (int, string)? build, string tagText, IReadOnlyList<WheelTag> tags)
    {
        FileName = fileName;
        Name = name;
        Version = version;
        Build = build;
        TagText = tagText;
        Tags = tags;
    }

    /// <summary>Throws <see cref="FormatException"/> on bad input. Accepts %2B-encoded '+'.</summary>
    public static WheelFileName Parse(string fileName) => Parse(fileName, validateOrder: false);

    /// <summary>As <see cref="Parse(string)"/>; <paramref name="validateOrder"/> also requires sorted compressed tag sets (PEP 425).</summary>
    public static WheelFileName Parse(string fileName, bool validateOrder)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        // PyTorch's index serves local versions URL-encoded: torch-2.4.0%2Bcu118-cp311-….whl.
        var decoded = fileName.Replace("%2B", "+", StringComparison.OrdinalIgnoreCase);
        if (!decoded.EndsWith(".whl", StringComparison.Ordinal))
            throw Invalid(fileName, "the extension is not .whl");
        var stem = decoded[..^4];
        var dashes = stem.Count(c => c == '-');
        if (dashes is not (4 or 5))
            throw Invalid(fileName, "a wheel name has 5 or 6 '-'-separated parts (name-version[-build]-python-abi-platform)");
        var parts = stem.Split('-', dashes - 1);

        var namePart = parts[0];
        if (!DistributionName.IsValidWheelNamePart(namePart))
            throw Invalid(fileName, $"'{namePart}' is not a valid escaped project name");
        if (!Pep440Version.TryParse(parts[1], out var version))
            throw Invalid(fileName, $"'{parts[1]}' is not a valid PEP 440 version");

        (int, string)? build = null;
        if (dashes == 5)
        {
            var m = BuildTagRegex().Match(parts[2]);
            if (!m.Success || !int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                throw Invalid(fileName, $"build tag '{parts[2]}' must start with a number");
            build = (number, m.Groups[2].Value);
        }

        var tagText = parts[^1];
        IReadOnlyList<WheelTag> tags;
        try
        {
            tags = WheelTag.ParseSet(tagText, MaxTags, validateOrder);
        }
        catch (FormatException e)
        {
            throw Invalid(fileName, e.Message);
        }
        return new WheelFileName(decoded, DistributionName.Normalize(namePart), version, build, tagText, tags);
    }

    public static bool TryParse(string fileName, out WheelFileName wheel)
    {
        try
        {
            wheel = Parse(fileName);
            return true;
        }
        catch (FormatException)
        {
            wheel = null!;
            return false;
        }
    }

    public PackageName Name { get; }
    public Pep440Version Version { get; }
    /// <summary>Build tag number and suffix, or null.</summary>
    public (int Number, string Suffix)? Build { get; }
    /// <summary>Expanded tags (compressed tag sets expanded).</summary>
    public IReadOnlyList<WheelTag> Tags { get; }
    /// <summary>The file name, with a %2B-encoded '+' decoded.</summary>
    public string FileName { get; }
    /// <summary>The tag part as written ("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64").</summary>
    public string TagText { get; }

    public override string ToString() => FileName;

    private static FormatException Invalid(string fileName, string why) =>
        new($"Invalid wheel file name '{fileName}': {why}.");

    [GeneratedRegex(@"^([0-9]+)(.*)$", RegexOptions.Singleline)]
    private static partial Regex BuildTagRegex();
}
