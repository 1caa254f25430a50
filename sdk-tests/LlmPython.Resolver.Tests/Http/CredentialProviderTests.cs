using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Tests.Http;

public sealed class CredentialProviderTests
{
    [Fact]
    public void Userinfo_of_a_configured_url_applies_to_its_host_and_port_only()
    {
        var provider = new CredentialProvider(_ => null);
        var stripped = provider.Register(new Uri("https://alice:p%40ss@pkgs.example.com/simple"));

        Assert.Equal("https://pkgs.example.com/simple", stripped.AbsoluteUri);
        Assert.Equal(new HttpCredentials("alice", "p@ss"), provider.Preemptive(new Uri("https://pkgs.example.com/files/a.whl")));
        Assert.Null(provider.Preemptive(new Uri("https://pkgs.example.com:444/simple/")));
        Assert.Null(provider.Preemptive(new Uri("https://pypi.org/simple/")));
    }

    [Fact]
    public void Per_host_variables_are_preemptive_and_generic_ones_wait_for_a_challenge()
    {
        var env = new Dictionary<string, string>
        {
            ["LLMPYTHON_INDEX_PKGS_EXAMPLE_COM_USERNAME"] = "bob",
            ["LLMPYTHON_INDEX_PKGS_EXAMPLE_COM_PASSWORD"] = "hunter2",
            ["LLMPYTHON_INDEX_USERNAME"] = "any",
            ["LLMPYTHON_INDEX_PASSWORD"] = "secret",
        };
        var provider = new CredentialProvider(env.GetValueOrDefault);

        Assert.Equal(new HttpCredentials("bob", "hunter2"), provider.Preemptive(new Uri("https://pkgs.example.com/simple/")));
        Assert.Null(provider.Preemptive(new Uri("https://other.example.com/simple/")));
        Assert.Equal(new HttpCredentials("any", "secret"), provider.AfterChallenge(new Uri("https://other.example.com/simple/")));
        Assert.Equal("PKGS_EXAMPLE_COM", CredentialProvider.HostVariablePart("pkgs.example.com"));
        Assert.DoesNotContain("secret", new HttpCredentials("any", "secret").ToString());
    }
}
