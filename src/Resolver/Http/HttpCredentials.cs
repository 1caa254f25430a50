using System.Net.Http.Headers;
using System.Text;

namespace LlmPython.Resolver.Http;

/// <summary>A user name and password for HTTP basic authentication. Never printed.</summary>
public sealed record HttpCredentials(string UserName, string Password)
{
    public AuthenticationHeaderValue ToHeader() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(UserName + ":" + Password)));

    /// <summary>Keeps the password out of logs and exception messages.</summary>
    public override string ToString() => $"{UserName}:***";
}
