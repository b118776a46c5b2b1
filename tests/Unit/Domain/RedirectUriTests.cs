using SmartcarClean.Domain.Connect;

namespace SmartcarClean.Unit.Domain;

public sealed class RedirectUriTests
{
    private const string ClientId = "4a1b01e5-0497-417c-a30e-6df6ba33ba46";

    [Theory]
    [InlineData("http://localhost:8000/exchange")]
    [InlineData("http://localhost")]
    [InlineData("https://myapplication.com")]
    [InlineData("https://myapp.example.com/callback?source=smartcar")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https://myapp.com")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https%3A%2F%2Fmyapp.example.com")]
    [InlineData("sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback")]
    [InlineData("sc4a1b01e5-0497-417c-a30e-6df6ba33ba46://callback/path")]
    public void Smartcars_four_formats_are_accepted(string uri) => RedirectUri.FindViolation(uri, ClientId).ShouldBeNull();

    [Theory]
    [InlineData("localhost:8000/exchange", "absolute")]
    [InlineData("/exchange", "absolute")]
    [InlineData("http://myapp.com/exchange", "http:// is allowed only for localhost")]
    [InlineData("http://127.0.0.1:8000/exchange", "http:// is allowed only for localhost")]
    [InlineData("https://myapp.com/exchange#top", "fragment")]
    [InlineData("ftp://myapp.com/exchange", "scheme ftp://")]
    [InlineData("https://javascript-sdk.smartcar.com/redirect-2.0.0?app_origin=https://myapp.com", "/v2/redirect")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect", "exactly one parameter")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https://myapp.com&x=1", "exactly one parameter")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https://myapp.com/some/path", "origin only")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000/some/path", "origin only")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http%3A%2F%2Flocalhost%3A8000%3Ffoo%3Dbar", "origin only")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://myapp.com", "origin only")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=myapp.com", "origin only")]
    [InlineData("sc00000000-0000-0000-0000-000000000000://callback", "this application's own scheme")]
    public void Anything_else_is_refused_naming_the_rule(string uri, string rule) =>
        RedirectUri.FindViolation(uri, ClientId).ShouldNotBeNull().ShouldContain(rule);

    [Theory]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000", "http://localhost:8000")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https%3A%2F%2Fmyapp.example.com", "https://myapp.example.com")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=https://myapp.com/some/path", null)]
    [InlineData("https://myapp.com/v2/redirect?app_origin=https://myapp.com", null)]
    [InlineData("http://localhost:8000/exchange", null)]
    public void The_app_origin_of_a_valid_javascript_sdk_redirect_is_where_the_page_posts_the_result(string uri, string? origin) =>
        RedirectUri.AppOriginOf(uri, ClientId).ShouldBe(origin);

    [Theory]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000", true)]
    [InlineData("https://JAVASCRIPT-SDK.smartcar.com/redirect-2.0.0?app_origin=http://localhost:8000", true)]
    [InlineData("http://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000", false)]
    [InlineData("http://localhost:8000/v2/redirect?app_origin=http://localhost:8000", false)]
    public void Only_smartcars_host_names_the_javascript_sdk_page(string uri, bool expected) =>
        RedirectUri.IsJavaScriptSdk(uri).ShouldBe(expected);
}
