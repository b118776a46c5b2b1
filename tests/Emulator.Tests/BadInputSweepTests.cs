using System.Text;
using SmartcarClean.Emulator.Testing;

namespace SmartcarClean.Emulator.Tests;

/// <summary>
/// Every route of the emulator answered with junk: never a 500, never a hang. A bounded, deterministic sweep
/// (paths x methods x bodies x credentials) over real HTTP.
/// </summary>
public sealed class BadInputSweepTests : IDisposable
{
    private static readonly string[] Paths =
    [
        "/oauth/authorize", "/oauth/authorize?client_id=%ZZ&redirect_uri=%00", "/oauth/authorize?" + new string('a', 4000),
        "/connect/nope/brands", "/connect/nope/login", "/connect/nope/permissions", "/connect/nope/decision", "/connect//login",
        "/oauth/token", "/oauth/token/", "/oauth2/token",
        "/v2.0/vehicles", "/v2.0/vehicles?limit=-1&offset=abc", "/v2.0/vehicles/%2e%2e/", "/v2.0/vehicles/x/security",
        "/v2.0/vehicles/x/batch", "/v2.0/vehicles/x/charge", "/v2.0/vehicles/x/application", "/v2.0/user", "/v2.0/",
        "/v3/connections", "/v3/connections/x", "/v3/vehicles/x", "/v3/vehicles/x/signals/%%", "/v3/vehicles/x/commands/security/lock",
        "/_emulator/users", "/_emulator/faults", "/_emulator/clock/advance", "/_emulator/tokens/x/expire", "/_emulator/applications",
        "/_emulator/applications/x/redirect-uris", "/_emulator/applications/x/default-redirect-uri", "/_emulator/nope",
    ];

    private static readonly string[] Bodies =
    [
        "", "{", "[]", "null", "{\"action\":5}", "{\"requests\":[{\"path\":5}]}", "grant_type=&code=%ZZ&redirect_uri=",
        "{\"seconds\":1e400}", "{\"email\":\"\",\"vehicles\":[{}]}", "{\"clientId\":\"\",\"clientSecret\":\"\",\"redirectUris\":[\"\"]}",
        new string('{', 5000),
    ];

    private static readonly HttpMethod[] Methods = [HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete];

    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task No_junk_request_gets_a_500_or_hangs()
    {
        // Real credentials too, so junk reaches the handlers behind authentication.
        var (accessToken, vehicleId) = await _driver.ConnectVehicleAsync();
        var applicationToken = await _driver.ApplicationTokenAsync();
        string?[] authorizations = [null, "Bearer junk", "Basic !!!", $"Bearer {accessToken}", $"Bearer {applicationToken}"];
        var serverErrors = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        foreach (var path in Paths.Select(p => p.Replace("/x", $"/{vehicleId}", StringComparison.Ordinal)))
        {
            foreach (var method in Methods)
            {
                foreach (var body in method == HttpMethod.Get ? [""] : Bodies)
                {
                    foreach (var authorization in authorizations)
                    {
                        using var request = new HttpRequestMessage(method, path);
                        if (body.Length > 0)
                        {
                            request.Content = new StringContent(body, Encoding.UTF8, body.StartsWith('{') || body.StartsWith('[') ? "application/json" : "application/x-www-form-urlencoded");
                        }

                        if (authorization is not null)
                        {
                            request.Headers.TryAddWithoutValidation("Authorization", authorization);
                            request.Headers.TryAddWithoutValidation("sc-user-id", "junk-user");
                        }

                        using var response = await _driver.Http.SendAsync(request, timeout.Token);
                        if ((int)response.StatusCode >= 500)
                        {
                            serverErrors.Add($"{method} {path[..Math.Min(path.Length, 80)]} [{body[..Math.Min(body.Length, 40)]}] {authorization} -> {(int)response.StatusCode}");
                        }
                    }
                }
            }
        }

        serverErrors.ShouldBeEmpty();
    }
}
