using LlmPython.Resolver.Http;

namespace LlmPython.Resolver.Tests.Http;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("https://user:s3cret@pkgs.example.com/simple/", "https://***@pkgs.example.com/simple/")]
    [InlineData("GET http://tok@127.0.0.1:5000/x failed; see http://a:b@h/y", "GET http://***@127.0.0.1:5000/x failed; see http://***@h/y")]
    [InlineData("https://pypi.org/simple/", "https://pypi.org/simple/")]
    public void Redacts_every_userinfo_in_a_text(string text, string expected) =>
        Assert.Equal(expected, UrlRedaction.Redact(text));

    [Fact]
    public void Strip_user_info_keeps_encoded_plus_and_can_drop_the_fragment()
    {
        var url = new Uri("https://u:p@host:8443/whl/torch-2.4.0%2Bcu118-cp311-cp311-linux_x86_64.whl#sha256=ab");
        Assert.Equal("https://host:8443/whl/torch-2.4.0%2Bcu118-cp311-cp311-linux_x86_64.whl#sha256=ab", UrlRedaction.StripUserInfo(url).AbsoluteUri);
        Assert.Equal("https://host:8443/whl/torch-2.4.0%2Bcu118-cp311-cp311-linux_x86_64.whl", UrlRedaction.StripUserInfo(url, dropFragment: true).AbsoluteUri);
    }
}
