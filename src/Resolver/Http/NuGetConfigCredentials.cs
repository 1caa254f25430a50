using LlmPython.Resolver.Diagnostics;
using NuGet.Configuration;

namespace LlmPython.Resolver.Http;

/// <summary>
/// The credentials a project's NuGet.Config files hold, read with NuGet.Configuration the way NuGet reads
/// them for that project: the NuGet.Config files from the project folder up to the root, the user config
/// and the machine-wide ones, or only <c>RestoreConfigFile</c> (plus machine-wide) when it is set.
/// Values have their <c>%VAR%</c> references expanded by NuGet. Passwords stay as written until a
/// matching index needs them (<see cref="NuGetSourceCredential.ToHttpCredentials"/>).
/// </summary>
public sealed class NuGetConfigCredentials
{
    private readonly Dictionary<string, NuGetSourceCredential> _byName;

    private NuGetConfigCredentials(IReadOnlyList<string> configFiles, Dictionary<string, NuGetSourceCredential> byName,
        IReadOnlyList<NuGetSourceCredential> sources)
    {
        ConfigFiles = configFiles;
        _byName = byName;
        Sources = sources;
    }

    /// <summary>The NuGet.Config files that were read, nearest first.</summary>
    public IReadOnlyList<string> ConfigFiles { get; }

    /// <summary>Every <c>&lt;packageSources&gt;</c> entry with an http(s) URL and credentials, enabled or disabled.</summary>
    public IReadOnlyList<NuGetSourceCredential> Sources { get; }

    /// <summary>The <c>&lt;packageSourceCredentials&gt;</c> entry whose key is <paramref name="name"/> (case-insensitive; NuGet writes spaces as <c>_x0020_</c>), or null.</summary>
    public NuGetSourceCredential? ForName(string name)
    {
        if (_byName.TryGetValue(name, out var direct)) return direct;
        return _byName.TryGetValue(System.Xml.XmlConvert.EncodeLocalName(name), out var encoded) ? encoded : null;
    }

    /// <summary>Loads the settings for a project folder; <paramref name="configFile"/> (RestoreConfigFile) replaces the folder walk when set.</summary>
    public static NuGetConfigCredentials Load(string projectDirectory, string? configFile = null)
    {
        ISettings settings;
        try
        {
            settings = string.IsNullOrWhiteSpace(configFile)
                ? Settings.LoadDefaultSettings(projectDirectory, configFileName: null, new XPlatMachineWideSetting())
                : Settings.LoadDefaultSettings(Path.GetDirectoryName(Path.GetFullPath(configFile, projectDirectory))!,
                    Path.GetFullPath(configFile, projectDirectory), new XPlatMachineWideSetting());
        }
        catch (Exception e) when (e is NuGetConfigurationException or IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            throw new LlmPyException(DiagnosticCodes.Http.NuGetConfigUnreadable,
                $"The NuGet.Config settings for '{projectDirectory}' cannot be read, so credentials for private Python indexes cannot be looked up: {UrlRedaction.Redact(e.Message)} Fix the file (or RestoreConfigFile), as `dotnet restore` needs it too.", e);
        }

        // NuGet keeps no public origin per item: messages name the files that were read.
        var configFiles = settings.GetConfigFilePaths().ToList();
        var origin = string.Join(", ", configFiles);
        var byName = new Dictionary<string, NuGetSourceCredential>(StringComparer.OrdinalIgnoreCase);
        var credentialsSection = settings.GetSection(ConfigurationConstants.CredentialsSectionName);
        // GetSection merges every file into one item per key, the nearest file's.
        foreach (var item in credentialsSection?.Items.OfType<CredentialsItem>() ?? [])
        {
            if (!string.IsNullOrEmpty(item.Username))
                byName.TryAdd(item.ElementName, new NuGetSourceCredential(item.ElementName, null, item.Username, item.Password ?? "",
                    item.IsPasswordClearText, origin));
        }

        var sources = new List<NuGetSourceCredential>();
        // No credentials anywhere (the common public-index case): skip the source list, which costs more than the files.
        var sourceList = byName.Count == 0 ? [] : new PackageSourceProvider(settings).LoadPackageSources();
        foreach (var source in sourceList)
        {
            if (source.Credentials is not { } credential || string.IsNullOrEmpty(credential.Username)) continue;
            if (!Uri.TryCreate(source.Source, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")) continue;
            sources.Add(new NuGetSourceCredential(source.Name, url, credential.Username, credential.PasswordText ?? "",
                credential.IsPasswordClearText, origin));
        }

        return new NuGetConfigCredentials(configFiles, byName, sources);
    }
}
