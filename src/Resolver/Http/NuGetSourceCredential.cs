using System.Security.Cryptography;
using LlmPython.Resolver.Diagnostics;
using NuGet.Configuration;

namespace LlmPython.Resolver.Http;

/// <summary>
/// One credential entry of a NuGet.Config: the source key, the source URL when it came from
/// <c>&lt;packageSources&gt;</c>, the user name, the password as written (clear text, or encrypted
/// with Windows DPAPI by <c>nuget sources add</c>) and the config files it was read from. <see cref="ToString"/> never shows the password.
/// </summary>
public sealed record NuGetSourceCredential(string Key, Uri? SourceUrl, string UserName, string PasswordText,
    bool IsPasswordClearText, string? ConfigFiles)
{
    /// <summary>
    /// The credentials to send; decrypts an encrypted <c>Password</c> on Windows, and elsewhere throws
    /// <see cref="DiagnosticCodes.Http.NuGetConfigPasswordEncrypted"/> (DPAPI exists only on Windows).
    /// </summary>
    public HttpCredentials ToHttpCredentials(string indexUrl)
    {
        if (IsPasswordClearText)
            return new HttpCredentials(UserName, PasswordText) { Source = Describe() };
        if (OperatingSystem.IsWindows())
        {
            try
            {
                return new HttpCredentials(UserName, EncryptionUtility.DecryptString(PasswordText)) { Source = Describe() };
            }
            catch (Exception e) when (e is CryptographicException or FormatException)
            {
                throw Undecryptable(indexUrl, "cannot be decrypted by this Windows user", e);
            }
        }
        throw Undecryptable(indexUrl, "is encrypted, and encrypted NuGet passwords can only be decrypted on Windows", null);
    }

    /// <summary>
    /// "NuGet.Config source 'corp'", plus a hint when a value is still a whole <c>%VAR%</c> reference (NuGet leaves
    /// unset variables as written). Only a value that is nothing but the reference is named, so no password text is shown.
    /// </summary>
    private string Describe()
    {
        var unset = new[] { UserName, PasswordText }.Where(IsWholeVariableReference).ToList();
        return $"NuGet.Config source '{Key}'" + (unset.Count == 0 ? "" : $" (its {string.Join(" and ", unset)} is not set in the environment, so it was sent as written)");
    }

    private static bool IsWholeVariableReference(string value) =>
        value.Length > 2 && value[0] == '%' && value[^1] == '%' && value[1..^1].All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private LlmPyException Undecryptable(string indexUrl, string cause, Exception? inner) =>
        new(DiagnosticCodes.Http.NuGetConfigPasswordEncrypted,
            $"The password of NuGet.Config source '{Key}'{(string.IsNullOrEmpty(ConfigFiles) ? "" : $" (NuGet.Config files read: {ConfigFiles})")}, which holds the credentials for the Python index {UrlRedaction.Redact(indexUrl)}, {cause}. " +
            $"Use <add key=\"ClearTextPassword\" value=\"%MY_TOKEN%\" /> (NuGet expands %VARIABLES%), or set LLMPYTHON_INDEX_<HOST>_USERNAME/_PASSWORD.", inner);

    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => $"{Key}: {UserName}:***";
}
