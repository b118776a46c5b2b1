using System.Net;
using System.Text.Json;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.ApiV3;

/// <summary><c>DELETE /v3/users/{id}</c> (reference §12): the application removes a Smartcar user and all their connections.</summary>
public sealed class V3UserDeletionTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Deleting_a_user_purges_their_connections_and_tokens_for_this_application_only()
    {
        var (me, myTokens) = await ConnectAsync("2-vehicles@smartcar.com");
        var (them, _) = await ConnectAsync("them@example.com");
        var appToken = await _driver.ApplicationTokenAsync();

        var response = await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/users/{me}", appToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
        (await ConnectionCountAsync(appToken, me)).ShouldBe(0);
        (await ConnectionCountAsync(appToken, them)).ShouldBe(1);
        (await _driver.GetApiAsync("/v2.0/vehicles", myTokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Connecting_again_after_the_purge_connects_afresh()
    {
        var (me, _) = await ConnectAsync("driver@example.com");
        var appToken = await _driver.ApplicationTokenAsync();
        await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/users/{me}", appToken);

        var (again, tokens) = await ConnectAsync("driver@example.com");

        again.ShouldBe(me);
        (await ConnectionCountAsync(appToken, me)).ShouldBe(1);
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_needs_an_application_token()
    {
        var (me, myTokens) = await ConnectAsync("driver@example.com");

        await ShouldBeV3ErrorAsync(await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/users/{me}", null),
            HttpStatusCode.Unauthorized, "AUTHENTICATION", "UNAUTHORIZED");
        await ShouldBeV3ErrorAsync(await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/users/{me}", myTokens.AccessToken),
            HttpStatusCode.Unauthorized, "AUTHENTICATION", "UNAUTHORIZED");
        (await ConnectionCountAsync(await _driver.ApplicationTokenAsync(), me)).ShouldBe(1);
    }

    [Fact]
    public async Task A_user_with_no_connection_to_this_application_is_404()
    {
        var (me, _) = await ConnectAsync("driver@example.com");
        var appToken = await _driver.ApplicationTokenAsync();
        var otherApp = await _driver.ApplicationTokenAsync(OtherClientId, OtherClientSecret);

        await ShouldBeV3ErrorAsync(await _driver.SendApiAsync(HttpMethod.Delete, "/v3/users/no-such-user", appToken),
            HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", "USER_NOT_FOUND");
        await ShouldBeV3ErrorAsync(await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/users/{me}", otherApp),
            HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", "USER_NOT_FOUND");
        (await ConnectionCountAsync(appToken, me)).ShouldBe(1);

        (await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/users/{me}", appToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeV3ErrorAsync(await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/users/{me}", appToken),
            HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", "USER_NOT_FOUND");
    }

    /// <summary>A whole Connect and code exchange; returns the redirect's user_id and the tokens.</summary>
    private async Task<(string UserId, TokenResponse Tokens)> ConnectAsync(string email)
    {
        var redirect = QueryOf(await _driver.ConnectAsync(email));
        var exchange = await _driver.ExchangeCodeAsync(redirect["code"]);
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (redirect["user_id"], TokenResponse.From(await JsonAsync(exchange)));
    }

    private async Task<int> ConnectionCountAsync(string appToken, string userId)
    {
        var response = await _driver.SendApiAsync(HttpMethod.Get, "/v3/connections", appToken, userId: userId);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await JsonAsync(response)).GetProperty("data").GetArrayLength();
    }

    private static async Task ShouldBeV3ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string code)
    {
        response.StatusCode.ShouldBe(status);
        var error = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()).ShouldBe((type, code));
        error.GetProperty("detail").ValueKind.ShouldBe(JsonValueKind.String);
    }
}
