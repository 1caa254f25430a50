using LlmPython.Resolver.Diagnostics;
using LlmPython.Resolver.Http;
using static LlmPython.Resolver.Tests.Http.NuGetConfigFolder;

namespace LlmPython.Resolver.Tests.Http;

/// <summary>NuGet.Config files on disk → credentials for the project's Python indexes.</summary>
public sealed class NuGetConfigCredentialsTests : IDisposable
{
    private readonly NuGetConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private IndexCredentialScopes Match(params CredentialedIndex[] indexes) =>
        IndexCredentialScopes.Match(indexes, NuGetConfigCredentials.Load(_folder.ProjectDirectory));

    private static CredentialedIndex Index(string url, string? name = null, bool sub = false) => new(new Uri(url), name, sub);

    [Fact]
    public void A_credentials_entry_keyed_by_the_PythonIndex_name_applies_to_that_index_host()
    {
        _folder.Write($"<packageSourceCredentials>{Credentials("corp", "alice", "s3cret")}</packageSourceCredentials>");

        var scopes = Match(Index("https://pkgs.example.com/corp/simple", "Corp"), Index("https://pypi.org/simple"));

        Assert.Equal(new HttpCredentials("alice", "s3cret"), scopes.Find(new Uri("https://pkgs.example.com/corp/simple/torch/")));
        Assert.Equal(new HttpCredentials("alice", "s3cret"), scopes.Find(new Uri("https://pkgs.example.com/packages/torch-2.4.0.whl")));
        Assert.Null(scopes.Find(new Uri("https://pypi.org/simple/torch/")));
        Assert.Null(scopes.Find(new Uri("https://pkgs.example.com:8443/corp/simple/")));
        Assert.Null(scopes.Find(new Uri("http://pkgs.example.com/corp/simple/")));
    }

    [Fact]
    public void A_name_with_spaces_matches_the_key_NuGet_writes_for_it()
    {
        _folder.Write($"<packageSourceCredentials>{Credentials("Corp_x0020_Feed", "alice", "s3cret")}</packageSourceCredentials>");

        var scopes = Match(Index("https://pkgs.example.com/simple", "Corp Feed"));

        Assert.Equal(new HttpCredentials("alice", "s3cret"), scopes.Find(new Uri("https://pkgs.example.com/simple/")));
    }

    [Fact]
    public void A_disabled_package_source_whose_url_is_a_prefix_of_the_index_lends_its_credentials()
    {
        _folder.Write($"""
            <packageSources>
              <add key="pyfeed" value="https://pkgs.example.com/org/pypi" />
              <add key="pyfeed-deep" value="https://pkgs.example.com/org/pypi/team" />
              <add key="nuget-feed" value="https://pkgs.example.com/org/nuget/v3/index.json" />
            </packageSources>
            <disabledPackageSources>
              <add key="pyfeed" value="true" />
              <add key="pyfeed-deep" value="true" />
            </disabledPackageSources>
            <packageSourceCredentials>
              {Credentials("pyfeed", "bob", "outer")}
              {Credentials("pyfeed-deep", "bob", "inner")}
              {Credentials("nuget-feed", "bob", "nuget-only")}
            </packageSourceCredentials>
            """);

        var scopes = Match(Index("https://pkgs.example.com/org/pypi/simple/"), Index("https://pkgs.example.com/org/pypi/team/simple"));

        Assert.Equal(2, scopes.Count);
        // Each URL gets the credentials of the index it lies in; the longest prefix wins for the inner index.
        Assert.Equal("outer", scopes.Find(new Uri("https://pkgs.example.com/org/pypi/simple/numpy/"))?.Password);
        Assert.Equal("inner", scopes.Find(new Uri("https://pkgs.example.com/org/pypi/team/simple/numpy/"))?.Password);
        // A prefix is matched segment by segment: /org/pypix is not under /org/pypi.
        Assert.Equal(0, Match(Index("https://pkgs.example.com/org/pypix/simple")).Count);
    }

    [Fact]
    public void The_name_match_wins_over_a_url_prefix_match()
    {
        _folder.Write($"""
            <packageSources><add key="all" value="https://pkgs.example.com/" /></packageSources>
            <packageSourceCredentials>{Credentials("all", "u", "by-prefix")}{Credentials("private", "u", "by-name")}</packageSourceCredentials>
            """);

        Assert.Equal("by-name", Match(Index("https://pkgs.example.com/simple", "private")).Find(new Uri("https://pkgs.example.com/simple/"))?.Password);
        Assert.Equal("by-prefix", Match(Index("https://pkgs.example.com/simple", "other")).Find(new Uri("https://pkgs.example.com/simple/"))?.Password);
    }

    [Fact]
    public void Percent_variables_in_values_are_expanded_as_NuGet_expands_them()
    {
        var variable = "LLMPY_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-env");
        try
        {
            _folder.Write($"<packageSourceCredentials>{Credentials("corp", "alice", $"%{variable}%")}</packageSourceCredentials>");

            Assert.Equal(new HttpCredentials("alice", "from-env"), Match(Index("https://pkgs.example.com/simple", "corp")).Find(new Uri("https://pkgs.example.com/simple/")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_value_that_names_an_unset_variable_is_sent_as_written_and_described_as_such()
    {
        var variable = "LLMPY_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        _folder.Write($"<packageSourceCredentials>{Credentials("corp", "alice", $"%{variable}%")}</packageSourceCredentials>");

        var credentials = Match(Index("https://pkgs.example.com/simple", "corp")).Find(new Uri("https://pkgs.example.com/simple/"));

        Assert.Equal($"%{variable}%", credentials?.Password);
        Assert.Equal($"NuGet.Config source 'corp' (its %{variable}% is not set in the environment, so it was sent as written)", credentials?.Source);
    }

    [Fact]
    public void Nothing_matches_indexes_with_neither_a_named_entry_nor_a_prefix_source()
    {
        _folder.Write($"""
            <packageSources><add key="elsewhere" value="https://nuget.example.com/v3/index.json" /></packageSources>
            <packageSourceCredentials>{Credentials("elsewhere", "u", "p")}{Credentials("unused", "u", "p")}</packageSourceCredentials>
            """);

        var scopes = Match(Index("https://pkgs.example.com/simple", "corp"), Index("https://nuget.example.com/simple"));

        Assert.Equal(0, scopes.Count);
        Assert.Null(scopes.Find(new Uri("https://pkgs.example.com/simple/")));
    }

    [Fact]
    public void An_encrypted_password_fails_with_its_code_only_when_its_index_is_used_and_is_never_printed()
    {
        const string encrypted = "AQAAANCMnd8BFdERjHoAwE_Cl-sBAAAAbm90LXJlYWxseS1lbmNyeXB0ZWQ=";
        _folder.Write($"<packageSourceCredentials>{Credentials("corp", "alice", encrypted, clearText: false)}{Credentials("fine", "bob", "clear")}</packageSourceCredentials>");

        var scopes = Match(Index("https://pkgs.example.com/simple", "corp"), Index("https://other.example.com/simple", "fine"));

        Assert.Equal("clear", scopes.Find(new Uri("https://other.example.com/simple/"))?.Password);
        var e = Assert.Throws<LlmPyException>(() => scopes.Find(new Uri("https://pkgs.example.com/simple/torch/")));
        Assert.Equal(DiagnosticCodes.Http.NuGetConfigPasswordEncrypted, e.Code);
        Assert.Contains("'corp'", e.Message);
        Assert.Contains("ClearTextPassword", e.Message);
        Assert.Contains("https://pkgs.example.com/simple", e.Message);
        Assert.DoesNotContain(encrypted, e.ToString());
    }

    [Fact]
    public void The_walk_starts_at_the_project_folder_and_the_nearest_file_wins()
    {
        _folder.Write($"<packageSourceCredentials>{Credentials("corp", "root-user", "from-root")}{Credentials("shared", "u", "root-only")}</packageSourceCredentials>", _folder.Root);
        _folder.Write($"<packageSourceCredentials>{Credentials("corp", "app-user", "from-app")}</packageSourceCredentials>");

        var config = NuGetConfigCredentials.Load(_folder.ProjectDirectory);

        Assert.Equal("from-app", config.ForName("corp")?.PasswordText);
        Assert.Equal("root-only", config.ForName("shared")?.PasswordText);
        Assert.Contains(Path.Combine(_folder.Root, "NuGet.Config"), config.ConfigFiles);
    }

    [Fact]
    public void RestoreConfigFile_replaces_the_walk()
    {
        _folder.Write($"<packageSourceCredentials>{Credentials("corp", "u", "from-walk")}</packageSourceCredentials>");
        var explicitFile = _folder.Write($"<packageSourceCredentials>{Credentials("corp", "u", "from-explicit")}</packageSourceCredentials>", _folder.Root, "ci.config");

        var config = NuGetConfigCredentials.Load(_folder.ProjectDirectory, explicitFile);

        Assert.Equal("from-explicit", config.ForName("corp")?.PasswordText);
        Assert.DoesNotContain(Path.Combine(_folder.ProjectDirectory, "NuGet.Config"), config.ConfigFiles);
    }

    [Fact]
    public void A_malformed_config_is_reported_with_its_code()
    {
        File.WriteAllText(Path.Combine(_folder.ProjectDirectory, "NuGet.Config"), "<configuration><packageSources>");

        var e = Assert.Throws<LlmPyException>(() => NuGetConfigCredentials.Load(_folder.ProjectDirectory));

        Assert.Equal(DiagnosticCodes.Http.NuGetConfigUnreadable, e.Code);
        Assert.Contains("NuGet.Config", e.Message);
    }

    [Fact]
    public void PyTorch_backend_indexes_take_sources_of_their_own_or_the_base_source()
    {
        _folder.Write($"""
            <packageSources>
              <add key="torch" value="https://torch.example.com/whl" />
              <add key="torch-cu124" value="https://torch.example.com/whl/cu124/" />
            </packageSources>
            <packageSourceCredentials>{Credentials("torch", "t", "base")}{Credentials("torch-cu124", "t", "cu124")}</packageSourceCredentials>
            """);

        var scopes = Match(Index("https://torch.example.com/whl", sub: true));

        Assert.Equal("cu124", scopes.Find(new Uri("https://torch.example.com/whl/cu124/torch/"))?.Password);
        Assert.Equal("base", scopes.Find(new Uri("https://torch.example.com/whl/cu118/torch/"))?.Password);
        Assert.Equal("base", scopes.Find(new Uri("https://torch.example.com/whl/torch-2.4.0%2Bcu118-cp311-cp311-linux_x86_64.whl"))?.Password);
    }
}
