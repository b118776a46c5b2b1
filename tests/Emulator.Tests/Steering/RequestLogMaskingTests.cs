using System.Net;
using System.Text;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Steering;

/// <summary>
/// The request log (C#, <c>GET /_emulator/requests</c>, the admin page) keeps methods, paths and statuses readable
/// and replaces every secret with a fixed mask, over real HTTP.
/// </summary>
public sealed class RequestLogMaskingTests : IDisposable
{
    private const string Mask = "***";

    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task The_request_log_masks_secrets_and_keeps_methods_paths_and_statuses()
    {
        var secrets = await UseEverySecretAsync();

        var response = await _driver.Http.GetAsync("/_emulator/requests");
        var log = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        secrets.ShouldAllBe(secret => !log.Contains(secret, StringComparison.Ordinal));
        var requests = _driver.Emulator.Requests;
        var exchange = requests.First(r => r.Path == "/oauth/token");
        exchange.Method.ShouldBe("POST");
        exchange.StatusCode.ShouldBe(200);
        exchange.Headers["Authorization"].ShouldBe($"Basic {Mask}");
        exchange.Body.ShouldBe($"grant_type=authorization_code&code={Mask}&redirect_uri={Uri.EscapeDataString(RedirectUri)}");
        requests.Single(r => r.Path == "/oauth/token" && r.Body!.Contains("refresh_token", StringComparison.Ordinal))
            .Body.ShouldBe($"grant_type=refresh_token&refresh_token={Mask}");
        requests.First(r => r.Path == "/v2.0/vehicles").Headers["Authorization"].ShouldBe($"Bearer {Mask}");
        requests.Single(r => r.Path == "/oauth2/token" && r.Body!.StartsWith('{'))
            .Body.ShouldBe($$"""{"grant_type":"client_credentials","client_id":"{{ClientId}}","client_secret":"{{Mask}}"}""");
        requests.Single(r => r.Path == "/v2/redirect").Query.TrimStart('?').ShouldBe($"code={Mask}&state=kept");
        requests.Single(r => r.Path.EndsWith("/login", StringComparison.Ordinal) && r.Method == "POST").Body.ShouldBe($"username=driver%40example.com&password={Mask}");
    }

    [Fact]
    public async Task The_admin_page_and_state_show_no_secret()
    {
        var secrets = await UseEverySecretAsync();

        var page = await _driver.Http.GetStringAsync("/_emulator");
        var state = await _driver.Http.GetStringAsync("/_emulator/state");

        secrets.ShouldAllBe(secret => !page.Contains(secret, StringComparison.Ordinal) && !state.Contains(secret, StringComparison.Ordinal));
        page.ShouldContain("/oauth/token");
        page.ShouldContain("/v2.0/vehicles");
    }

    [Fact]
    public async Task Tests_can_still_read_exactly_what_was_sent_in_process()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();
        await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken);

        _driver.Emulator.RequestsWithSecrets[^1].Headers["Authorization"].ShouldBe($"Bearer {tokens.AccessToken}");
    }

    /// <summary>Connect, exchange, refresh, call the API, get an application token (form and JSON), land on the SDK page.</summary>
    private async Task<string[]> UseEverySecretAsync()
    {
        var code = await _driver.GetCodeAsync();
        var exchanged = await _driver.ExchangeCodeAsync(code);
        var tokens = TokenResponse.From(await JsonAsync(exchanged));
        var refreshed = TokenResponse.From(await JsonAsync(await _driver.RefreshAsync(tokens.RefreshToken)));
        await _driver.GetApiAsync("/v2.0/vehicles", refreshed.AccessToken);
        var applicationToken = await _driver.ApplicationTokenAsync();
        var json = $$"""{"grant_type":"client_credentials","client_id":"{{ClientId}}","client_secret":"{{ClientSecret}}"}""";
        await _driver.Http.PostAsync("/oauth2/token", new StringContent(json, Encoding.UTF8, "application/json"));
        await _driver.Http.GetAsync("/v2/redirect?code=sdk-code-1234&state=kept");
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        return [ClientSecret, basic, code, tokens.AccessToken, tokens.RefreshToken, refreshed.AccessToken, refreshed.RefreshToken, applicationToken, "sdk-code-1234", "any-password"];
    }
}
