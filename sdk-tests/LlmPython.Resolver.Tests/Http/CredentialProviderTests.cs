using LlmPython.Resolver.Http;
using LlmPython.Resolver.Restore;

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

    [Fact]
    public void Url_userinfo_beats_host_variables_which_beat_NuGet_config()
    {
        using var folder = new NuGetConfigFolder();
        folder.Write($"<packageSourceCredentials>{NuGetConfigFolder.Credentials("corp", "nuget", "from-config")}</packageSourceCredentials>");
        var indexes = new[]
        {
            new CredentialedIndex(new Uri("https://a.example.com/simple"), "corp"),
            new CredentialedIndex(new Uri("https://b.example.com/simple"), "corp"),
            new CredentialedIndex(new Uri("https://c.example.com/simple"), "corp"),
        };
        var env = new Dictionary<string, string>
        {
            ["LLMPYTHON_INDEX_A_EXAMPLE_COM_USERNAME"] = "env", ["LLMPYTHON_INDEX_A_EXAMPLE_COM_PASSWORD"] = "from-env-a",
            ["LLMPYTHON_INDEX_B_EXAMPLE_COM_USERNAME"] = "env", ["LLMPYTHON_INDEX_B_EXAMPLE_COM_PASSWORD"] = "from-env-b",
        };
        var provider = new CredentialProvider(env.GetValueOrDefault,
            () => IndexCredentialScopes.Match(indexes, NuGetConfigFolderLoad(folder)));
        provider.Register(new Uri("https://url:from-url@a.example.com/simple"));

        Assert.Equal("from-url", provider.Preemptive(new Uri("https://a.example.com/simple/x/"))?.Password);
        Assert.Equal("from-env-b", provider.Preemptive(new Uri("https://b.example.com/simple/x/"))?.Password);
        Assert.Equal("from-config", provider.Preemptive(new Uri("https://c.example.com/simple/x/"))?.Password);
        Assert.Null(provider.Preemptive(new Uri("https://d.example.com/simple/x/")));
    }

    [Fact]
    public void After_a_challenge_generic_variables_are_tried_before_NuGet_config()
    {
        var env = new Dictionary<string, string> { ["LLMPYTHON_INDEX_USERNAME"] = "ci", ["LLMPYTHON_INDEX_PASSWORD"] = "generic" };
        using var folder = new NuGetConfigFolder();
        folder.Write($"<packageSourceCredentials>{NuGetConfigFolder.Credentials("corp", "nuget", "from-config")}</packageSourceCredentials>");
        var provider = new CredentialProvider(env.GetValueOrDefault, () => IndexCredentialScopes.Match(
            [new CredentialedIndex(new Uri("https://c.example.com/simple"), "corp")], NuGetConfigFolderLoad(folder)));

        Assert.Equal("from-config", provider.Preemptive(new Uri("https://c.example.com/simple/"))?.Password);
        Assert.Equal("generic", provider.AfterChallenge(new Uri("https://c.example.com/simple/"))?.Password);
    }

    [Fact]
    public void NuGet_config_is_read_once_and_only_when_userinfo_and_host_variables_have_nothing()
    {
        var loads = 0;
        var provider = new CredentialProvider(_ => null, () => { loads++; return IndexCredentialScopes.None; });
        provider.Register(new Uri("https://u:p@a.example.com/simple"));

        provider.Preemptive(new Uri("https://a.example.com/simple/"));
        Assert.Equal(0, loads);
        provider.Preemptive(new Uri("https://b.example.com/simple/"));
        provider.Preemptive(new Uri("https://c.example.com/simple/"));
        Assert.Equal(1, loads);
    }

    [Fact]
    public void The_request_lists_every_http_index_with_PythonIndex_names_and_PyTorch_sub_indexes()
    {
        var request = new LlmPython.Resolver.Restore.RestoreRequest
        {
            ProjectPath = "/p/app.csproj", LockFilePath = "/p/python.lock", EnvironmentDirectory = "/p/obj/python/venv",
            PythonIndexUrl = "https://mirror.example.com/simple",
            PyTorchIndexUrl = "https://torch.example.com/whl",
            Indexes = [new("https://pkgs.example.com/simple", "corp"), new("/p/local-index")],
            FindLinks = ["https://files.example.com/links.html", "/p/wheels"],
        };

        var indexes = RestoreHttpSettings.CredentialedIndexes(request).ToList();

        Assert.Equal(
            ["https://mirror.example.com/simple - False", "https://pkgs.example.com/simple corp False", "https://files.example.com/links.html - False", "https://torch.example.com/whl - True"],
            indexes.Select(i => $"{i.Url.AbsoluteUri} {i.Name ?? "-"} {i.HasSubIndexes}"));
    }

    private static NuGetConfigCredentials NuGetConfigFolderLoad(NuGetConfigFolder folder) => NuGetConfigCredentials.Load(folder.ProjectDirectory);
}
