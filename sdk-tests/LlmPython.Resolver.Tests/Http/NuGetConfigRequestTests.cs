using System.Net;
using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using LlmPython.Resolver.Tests.Indexes;

namespace LlmPython.Resolver.Tests.Http;

/// <summary>NuGet.Config credentials on the wire: preemptive to the index host, never to another host, never printed.</summary>
public sealed class NuGetConfigRequestTests : IDisposable
{
    private const string Password = "nuget-config-secret";
    private readonly NuGetConfigFolder _folder = new();
    private readonly RecordingHandler _handler = new();

    public NuGetConfigRequestTests()
    {
        _folder.Write($"<packageSourceCredentials>{NuGetConfigFolder.Credentials("corp", "alice", Password)}</packageSourceCredentials>");
    }

    public void Dispose() => _folder.Dispose();

    private PythonHttpClient Client() => new(new HttpSettings
    {
        Retry = IndexTestKit.FastRetry,
        Credentials = new CredentialProvider(_ => null, () => IndexCredentialScopes.Match(
            [new CredentialedIndex(new Uri("https://pkgs.example.com/simple"), "corp")], NuGetConfigCredentials.Load(_folder.ProjectDirectory))),
    }, new HttpClient(_handler));

    [Fact]
    public async Task Credentials_go_to_the_index_host_and_not_to_the_host_a_redirect_points_to()
    {
        _handler.Answer = request => request.RequestUri!.Host == "pkgs.example.com"
            ? Redirect("https://cdn.example.net/foo/")
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<a href='foo-1.0.whl'>foo</a>") };

        var page = await Client().GetPageAsync(new Uri("https://pkgs.example.com/simple/foo/"), "text/html");

        Assert.NotNull(page);
        Assert.Equal(
            ["https://pkgs.example.com/simple/foo/ Basic", "https://cdn.example.net/foo/ -"],
            _handler.Seen.Select(s => $"{s.Url} {s.Scheme ?? "-"}"));
    }

    [Fact]
    public async Task A_refused_password_is_reported_with_the_401_code_naming_its_source_but_not_the_password()
    {
        _handler.Answer = _ => new HttpResponseMessage(HttpStatusCode.Unauthorized);

        var e = await Assert.ThrowsAsync<LlmPyException>(() => Client().GetPageAsync(new Uri("https://pkgs.example.com/simple/foo/"), "text/html"));

        Assert.Equal(DiagnosticCodes.Http.RequestRefused, e.Code);
        Assert.Contains("401", e.Message);
        Assert.Contains("The credentials from NuGet.Config source 'corp' were refused", e.Message);
        Assert.DoesNotContain(Password, e.ToString());
        Assert.Single(_handler.Seen);
    }

    private static HttpResponseMessage Redirect(string location)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Found);
        response.Headers.Location = new Uri(location);
        return response;
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public Func<HttpRequestMessage, HttpResponseMessage> Answer { get; set; } = _ => new HttpResponseMessage(HttpStatusCode.NotFound);
        public List<(string Url, string? Scheme)> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Seen) Seen.Add((request.RequestUri!.AbsoluteUri, request.Headers.Authorization?.Scheme));
            var response = Answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
