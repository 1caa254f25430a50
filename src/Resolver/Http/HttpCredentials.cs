using System.Net.Http.Headers;
using System.Text;

namespace LlmPython.Resolver.Http;

/// <summary>A user name and password for HTTP basic authentication. Never printed.</summary>
public sealed record HttpCredentials(string UserName, string Password)
{
    /// <summary>Where they were found, for messages ("NuGet.Config source 'corp'"); not part of equality.</summary>
    public string? Source { get; init; }

    public bool Equals(HttpCredentials? other) =>
        other is not null && string.Equals(UserName, other.UserName, StringComparison.Ordinal) && string.Equals(Password, other.Password, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(UserName, Password);

    public AuthenticationHeaderValue ToHeader() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Password)));

    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => $"{UserName}:***";
}
