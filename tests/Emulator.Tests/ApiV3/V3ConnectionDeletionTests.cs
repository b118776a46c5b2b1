using System.Net;
using System.Text.Json;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.ApiV3;

/// <summary><c>DELETE /v3/connections/{id}</c> (reference §12, "Remove Connection: disconnect a vehicle"): 204, one connection only.</summary>
public sealed class V3ConnectionDeletionTests : IDisposable
{
    private const string Email = "2-vehicles@smartcar.com";

    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Deleting_a_connection_disconnects_that_vehicle_only()
    {
        var userId = await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();
        var connections = await ConnectionsAsync(appToken);
        connections.Count.ShouldBe(2);
        var (gone, kept) = (connections[0], connections[1]);

        var response = await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/connections/{gone.Id}", appToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
        (await ConnectionsAsync(appToken)).ShouldBe([kept]);
        await ShouldBeV3ErrorAsync(
            await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{gone.VehicleId}/signals", appToken, userId: userId),
            HttpStatusCode.Forbidden, "AUTHENTICATION", "ACCESS_DENIED");
        await ShouldBeV3ErrorAsync(
            await _driver.SendApiAsync(HttpMethod.Post, $"/v3/vehicles/{gone.VehicleId}/commands/security/lock", appToken, userId: userId),
            HttpStatusCode.Forbidden, "AUTHENTICATION", "ACCESS_DENIED");
        (await _driver.SendApiAsync(HttpMethod.Get, $"/v3/vehicles/{kept.VehicleId}/signals", appToken, userId: userId))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_owners_v2_tokens_stop_covering_the_deleted_vehicle_and_connecting_again_restores_it()
    {
        await ConnectAsync();
        var accessToken = (await _driver.ConnectWithScopesAsync(AllScopes, Email)).AccessToken;
        var appToken = await _driver.ApplicationTokenAsync();
        var gone = (await ConnectionsAsync(appToken))[0];

        await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/connections/{gone.Id}", appToken);

        var listed = await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", accessToken));
        listed.GetProperty("vehicles").EnumerateArray().Select(v => v.GetString()).ShouldNotContain(gone.VehicleId);
        (await _driver.GetApiAsync($"/v2.0/vehicles/{gone.VehicleId}/odometer", accessToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await ConnectAsync();
        (await ConnectionsAsync(appToken)).Select(c => c.Id).ShouldContain(gone.Id, "the same user, vehicle and application are the same connection");
    }

    [Fact]
    public async Task An_unknown_or_already_deleted_connection_is_404()
    {
        await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();
        var gone = (await ConnectionsAsync(appToken))[0];

        await ShouldBeV3ErrorAsync(await _driver.SendApiAsync(HttpMethod.Delete, "/v3/connections/no-such-connection", appToken),
            HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", "CONNECTION_NOT_FOUND");
        (await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/connections/{gone.Id}", appToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeV3ErrorAsync(await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/connections/{gone.Id}", appToken),
            HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND", "CONNECTION_NOT_FOUND");
    }

    [Fact]
    public async Task Another_applications_connection_is_refused_and_kept()
    {
        await ConnectAsync();
        var appToken = await _driver.ApplicationTokenAsync();
        var otherApp = await _driver.ApplicationTokenAsync(OtherClientId, OtherClientSecret);
        var mine = (await ConnectionsAsync(appToken))[0];

        await ShouldBeV3ErrorAsync(await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/connections/{mine.Id}", otherApp),
            HttpStatusCode.Forbidden, "AUTHENTICATION", "ACCESS_DENIED");
        await ShouldBeV3ErrorAsync(await _driver.SendApiAsync(HttpMethod.Delete, $"/v3/connections/{mine.Id}", null),
            HttpStatusCode.Unauthorized, "AUTHENTICATION", "UNAUTHORIZED");
        (await ConnectionsAsync(appToken)).Count.ShouldBe(2);
    }

    /// <summary>Connects both of the test user's vehicles with every permission; returns the redirect's user_id.</summary>
    private async Task<string> ConnectAsync() =>
        QueryOf(await _driver.ConnectAsync(Email, authorizeUrl: AuthorizeUrl(scope: AllScopes)))["user_id"];

    private async Task<List<(string Id, string VehicleId)>> ConnectionsAsync(string appToken)
    {
        var response = await _driver.SendApiAsync(HttpMethod.Get, "/v3/connections", appToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return [.. (await JsonAsync(response)).GetProperty("data").EnumerateArray()
            .Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("relationships").GetProperty("vehicle").GetProperty("data").GetProperty("id").GetString()!))];
    }

    private static async Task ShouldBeV3ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string code)
    {
        response.StatusCode.ShouldBe(status);
        var error = (await JsonAsync(response)).GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("type").GetString(), error.GetProperty("code").GetString()).ShouldBe((type, code));
        error.GetProperty("detail").ValueKind.ShouldBe(JsonValueKind.String);
    }
}
