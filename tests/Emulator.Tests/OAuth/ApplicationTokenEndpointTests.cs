using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.OAuth;

public sealed class ApplicationTokenEndpointTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Form_body_with_credentials_gives_a_one_hour_bearer_token_without_refresh_token()
    {
        var response = await _driver.RequestApplicationTokenAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(response);
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("expires_in").GetInt32().ShouldBe(3600);
        body.TryGetProperty("refresh_token", out _).ShouldBeFalse();
        _driver.Emulator.IssuedTokens.ShouldContain(body.GetProperty("access_token").GetString()!);
    }

    [Fact]
    public async Task Json_body_with_credentials_works()
    {
        var response = await PostAsync("/oauth2/token", Json($$"""{"grant_type":"client_credentials","client_id":"{{ClientId}}","client_secret":"{{ClientSecret}}"}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("form")]
    [InlineData("json")]
    public async Task Basic_credentials_work_with_a_form_or_json_body_and_a_trailing_slash(string bodyKind)
    {
        HttpContent content = bodyKind == "json" ? Json("""{"grant_type":"client_credentials"}""") : Form(("grant_type", "client_credentials"));

        var response = await PostAsync("/oauth2/token/", content, basic: (ClientId, ClientSecret));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(response)).GetProperty("expires_in").GetInt32().ShouldBe(3600);
    }

    [Fact]
    public async Task Missing_grant_type_is_400_invalid_request()
    {
        var response = await PostAsync("/oauth2/token", Form(("client_id", ClientId), ("client_secret", ClientSecret)));

        await ShouldBeOAuthError(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"grant_type":"client_credentials","client_id":42}""")]
    public async Task Malformed_json_body_is_400_invalid_request(string json)
    {
        var response = await PostAsync("/oauth2/token", Json(json));

        await ShouldBeOAuthError(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("authorization_code")]
    [InlineData("password")]
    public async Task Other_grant_types_are_400_unsupported_grant_type(string grantType)
    {
        var response = await PostAsync("/oauth2/token", Form(("grant_type", grantType), ("client_id", ClientId), ("client_secret", ClientSecret)));

        await ShouldBeOAuthError(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Theory]
    [InlineData(ClientId, "wrong-secret")]
    [InlineData("client_unknown", ClientSecret)]
    public async Task Wrong_credentials_are_401_invalid_client(string clientId, string secret)
    {
        await ShouldBeOAuthError(await _driver.RequestApplicationTokenAsync(clientId, secret), HttpStatusCode.Unauthorized, "invalid_client");

        var basic = await PostAsync("/oauth2/token", Form(("grant_type", "client_credentials")), basic: (clientId, secret));
        await ShouldBeOAuthError(basic, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Missing_credentials_are_401_invalid_client()
    {
        var response = await PostAsync("/oauth2/token", Form(("grant_type", "client_credentials")));

        await ShouldBeOAuthError(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Application_token_is_not_a_vehicle_owner_token()
    {
        var appToken = await _driver.ApplicationTokenAsync();

        (await _driver.GetApiAsync("/v2.0/vehicles", appToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content, (string Id, string Secret)? basic = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (basic is { } credentials)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Id}:{credentials.Secret}")));
        }

        return await _driver.Http.SendAsync(request);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task ShouldBeOAuthError(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        response.StatusCode.ShouldBe(status);
        var body = await JsonAsync(response);
        body.GetProperty("error").GetString().ShouldBe(error);
        body.GetProperty("error_description").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
