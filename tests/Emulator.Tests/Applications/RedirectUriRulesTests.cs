using SmartcarClean.Emulator.Applications;

namespace SmartcarClean.Emulator.Tests.Applications;

public sealed class RedirectUriRulesTests
{
    private const string ClientId = "4a1b01e5-0497-417c-a30e-6df6ba33ba46";

    [Theory]
    [InlineData("http://localhost:8000")]
    [InlineData("http://localhost")]
    [InlineData("http://localhost:8000/exchange?tenant=7")]
    [InlineData("https://myapplication.com")]
    [InlineData("https://myapplication.com/callback?x=1")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https://myapp.com")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https%3A%2F%2Fmyapp.example.com")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https://myapp.com:8443")]
    [InlineData("sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback")]
    [InlineData("sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://myapp.com")]
    [InlineData("sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback/smartcar/done")]
    public void Accepts_the_four_formats(string redirectUri) =>
        RedirectUriRules.Violation(redirectUri, ClientId).ShouldBeNull();

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("/exchange", "not an absolute URI")]
    [InlineData("localhost:8000/exchange", "not an absolute URI")]
    [InlineData("sc4a1b01e5-0497-417c-a30e-6df6ba33ba46:callback", "not an absolute URI")]
    [InlineData("https://my app.com/callback", "must not contain spaces")]
    [InlineData("https://myapp.com/callback#done", "must not contain a fragment")]
    public void Refuses_what_is_not_a_uri(string redirectUri, string rule) =>
        RedirectUriRules.Violation(redirectUri, ClientId).ShouldNotBeNull().ShouldContain(rule);

    [Theory]
    [InlineData("http://myapplication.com/callback")]
    [InlineData("http://localhost.evil.com/callback")]
    [InlineData("http://192.168.1.10:8000/callback")]
    [InlineData("http://127.0.0.1:5000/exchange")]
    [InlineData("http://[::1]:5000/exchange")]
    public void Refuses_http_except_on_localhost(string redirectUri) =>
        RedirectUriRules.Violation(redirectUri, ClientId).ShouldNotBeNull().ShouldContain("http:// is allowed only on localhost");

    [Theory]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect")]
    [InlineData("https://javascript-sdk.smartcar.com/redirect-2.0.0?app_origin=https://myapp.com")]
    [InlineData("https://javascript-sdk.smartcar.com/v1/redirect?app_origin=https://myapp.com")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?origin=https://myapp.com")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https://myapp.com&x=1")]
    public void Refuses_a_javascript_sdk_redirect_in_another_shape(string redirectUri) =>
        RedirectUriRules.Violation(redirectUri, ClientId).ShouldNotBeNull().ShouldContain("JavaScript SDK redirect URIs must be");

    [Theory]
    [InlineData("https://example.com/some/path")]
    [InlineData("https://example.com/")]
    [InlineData("http://localhost:8000/some/path")]
    [InlineData("http://localhost:8000?foo=bar")]
    [InlineData("https://user@example.com")]
    [InlineData("myapp.com")]
    [InlineData("ftp://myapp.com")]
    public void Refuses_an_app_origin_that_is_not_an_origin_only(string origin) =>
        RedirectUriRules.Violation($"https://javascript-sdk.smartcar.com/v2/redirect?app_origin={Uri.EscapeDataString(origin)}", ClientId)
            .ShouldNotBeNull().ShouldContain("app_origin must be an origin only");

    [Fact]
    public void Refuses_an_app_origin_on_http_other_than_localhost() =>
        RedirectUriRules.Violation("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://myapp.com", ClientId)
            .ShouldNotBeNull().ShouldContain("app_origin 'http://myapp.com': http:// is allowed only on localhost");

    [Theory]
    [InlineData("sc0b1d3c1e-5a4f-4b7e-9f0a-2c6d8e1f3a5b://callback")]
    [InlineData("myapp://callback")]
    [InlineData("sc://callback")]
    public void Refuses_a_custom_scheme_other_than_sc_and_the_applications_own_client_id(string redirectUri) =>
        RedirectUriRules.Violation(redirectUri, ClientId).ShouldNotBeNull()
            .ShouldContain($"a custom scheme must be sc{ClientId}:// (sc followed by this application's client id)");

    [Theory]
    [InlineData("sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://")]
    [InlineData("sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback:8000")]
    [InlineData("sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback?x=1")]
    [InlineData("sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://call_back")]
    public void Refuses_a_custom_scheme_without_a_plain_host(string redirectUri) =>
        RedirectUriRules.Violation(redirectUri, ClientId).ShouldNotBeNull().ShouldContain("://host[/path]");

    [Fact]
    public void Validate_throws_the_same_message()
    {
        var error = Should.Throw<ArgumentException>(() => RedirectUriRules.Validate("http://example.com", ClientId));

        error.Message.ShouldContain("http:// is allowed only on localhost");
    }
}
