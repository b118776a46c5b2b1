using System.Net;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.OAuth;

public sealed class TokenEndpointTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Without_a_redirect_uri_at_connect_the_exchange_may_leave_it_out()
    {
        var redirect = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(redirectUri: null));
        var code = QueryOf(redirect)["code"];

        var response = await _driver.PostTokenAsync(ClientId, ClientSecret, ("grant_type", "authorization_code"), ("code", code));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_a_redirect_uri_at_connect_the_exchange_must_repeat_it()
    {
        var code = await _driver.GetCodeAsync();

        var response = await _driver.PostTokenAsync(ClientId, ClientSecret, ("grant_type", "authorization_code"), ("code", code));

        await ShouldBeOAuthError(response, HttpStatusCode.BadRequest, "invalid_grant", "Missing redirect_uri: the one sent to Connect is required.");
        (await _driver.ExchangeCodeAsync(code)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Code_is_single_use()
    {
        var code = await _driver.GetCodeAsync();
        (await _driver.ExchangeCodeAsync(code)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await _driver.ExchangeCodeAsync(code);

        await ShouldBeOAuthError(again, HttpStatusCode.BadRequest, "invalid_request", $"Invalid code: {code}.");
    }

    [Fact]
    public async Task Code_expires_ten_minutes_after_issue()
    {
        var fresh = await _driver.GetCodeAsync();
        var stale = await _driver.GetCodeAsync();

        _driver.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        (await _driver.ExchangeCodeAsync(fresh)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _driver.Clock.Advance(TimeSpan.FromSeconds(1));
        await ShouldBeOAuthError(await _driver.ExchangeCodeAsync(stale), HttpStatusCode.BadRequest, "invalid_request", $"Invalid code: {stale}.");
    }

    [Fact]
    public async Task Unknown_code_is_invalid()
    {
        var response = await _driver.ExchangeCodeAsync("bad code here");

        await ShouldBeOAuthError(response, HttpStatusCode.BadRequest, "invalid_request", "Invalid code: bad code here.");
    }

    [Fact]
    public async Task Code_issued_to_another_client_is_invalid()
    {
        var code = await _driver.GetCodeAsync();

        var response = await _driver.ExchangeCodeAsync(code, OtherRedirectUri, OtherClientId, OtherClientSecret);

        await ShouldBeOAuthError(response, HttpStatusCode.BadRequest, "invalid_request", $"Invalid code: {code}.");
    }

    [Fact]
    public async Task Redirect_uri_must_match_the_one_used_at_Connect()
    {
        var code = await _driver.GetCodeAsync();

        var response = await _driver.ExchangeCodeAsync(code, "http://localhost:8000/second");

        await ShouldBeOAuthError(response, HttpStatusCode.BadRequest, "invalid_grant", "Unauthorized redirect_uri: http://localhost:8000/second");
    }

    [Theory]
    [InlineData(ClientId, "wrong-secret")]
    [InlineData("unknown-client", ClientSecret)]
    [InlineData(null, null)]
    public async Task Bad_client_credentials_are_401_invalid_client(string? clientId, string? secret)
    {
        var code = await _driver.GetCodeAsync();

        var response = await _driver.PostTokenAsync(clientId, secret,
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri));

        await ShouldBeOAuthError(response, HttpStatusCode.Unauthorized, "invalid_client", "Invalid client credentials.");
    }

    [Fact]
    public async Task Unsupported_grant_type_and_missing_fields_are_400()
    {
        var password = await _driver.PostTokenAsync(ClientId, ClientSecret, ("grant_type", "password"));
        await ShouldBeOAuthError(password, HttpStatusCode.BadRequest, "unsupported_grant_type", "Unsupported grant_type: password.");

        var noGrant = await _driver.PostTokenAsync(ClientId, ClientSecret, ("code", "x"));
        (await JsonAsync(noGrant)).GetProperty("error").GetString().ShouldBe("invalid_request");

        var noCode = await _driver.PostTokenAsync(ClientId, ClientSecret, ("grant_type", "authorization_code"), ("redirect_uri", RedirectUri));
        (await JsonAsync(noCode)).GetProperty("error").GetString().ShouldBe("invalid_request");

        var noRefresh = await _driver.PostTokenAsync(ClientId, ClientSecret, ("grant_type", "refresh_token"));
        (await JsonAsync(noRefresh)).GetProperty("error").GetString().ShouldBe("invalid_request");
    }

    [Fact]
    public async Task Trailing_slash_token_path_works()
    {
        var code = await _driver.GetCodeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = RedirectUri,
            }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));

        (await _driver.Http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_rotates_and_the_used_token_keeps_working_for_sixty_seconds()
    {
        var first = await _driver.ConnectAndExchangeAsync();

        var rotated = TokenResponse.From(await JsonAsync(await _driver.RefreshAsync(first.RefreshToken)));
        rotated.AccessToken.ShouldNotBe(first.AccessToken);
        rotated.RefreshToken.ShouldNotBe(first.RefreshToken);
        (await _driver.GetApiAsync("/v2.0/vehicles", rotated.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _driver.Clock.Advance(TimeSpan.FromSeconds(59));
        (await _driver.RefreshAsync(first.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        _driver.Clock.Advance(TimeSpan.FromSeconds(1));
        await ShouldBeOAuthError(await _driver.RefreshAsync(first.RefreshToken),
            HttpStatusCode.BadRequest, "invalid_grant", $"Invalid refresh_token: {first.RefreshToken}.");

        (await _driver.RefreshAsync(rotated.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_token_expires_after_sixty_days()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();

        _driver.Clock.Advance(TimeSpan.FromDays(60));

        (await _driver.RefreshAsync(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_refresh_token_is_invalid_grant()
    {
        await ShouldBeOAuthError(await _driver.RefreshAsync("THIS_SHOULD_NOT_WORK"),
            HttpStatusCode.BadRequest, "invalid_grant", "Invalid refresh_token: THIS_SHOULD_NOT_WORK.");
    }

    [Fact]
    public async Task Issued_tokens_are_all_recorded()
    {
        var first = await _driver.ConnectAndExchangeAsync();
        var rotated = TokenResponse.From(await JsonAsync(await _driver.RefreshAsync(first.RefreshToken)));

        _driver.Emulator.IssuedTokens.ShouldBe([first.AccessToken, first.RefreshToken, rotated.AccessToken, rotated.RefreshToken]);
    }

    private static async Task ShouldBeOAuthError(HttpResponseMessage response, HttpStatusCode status, string error, string description)
    {
        response.StatusCode.ShouldBe(status);
        var body = await JsonAsync(response);
        body.GetProperty("error").GetString().ShouldBe(error);
        body.GetProperty("error_description").GetString().ShouldBe(description);
    }
}
