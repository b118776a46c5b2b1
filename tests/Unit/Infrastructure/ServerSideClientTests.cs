using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application.Ports;
using SmartcarClean.Emulator;
using SmartcarClean.Infrastructure;
using SmartcarClean.Emulator.Testing;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>
/// The server-side flow's clients (client_credentials token, API v3, and the code exchange plus <c>GET /v2.0/user</c>
/// that prove who connected), as DI builds them, against the real emulator.
/// </summary>
public sealed class ServerSideClientTests : IDisposable
{
    private readonly EmulatorDriver _smartcar = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-v3-").FullName;
    private ServiceProvider? _app;

    private SmartcarEmulator Emulator => _smartcar.Emulator;

    [Fact]
    public async Task Lists_a_users_vehicles_with_the_application_token_and_sc_user_id()
    {
        var userId = await ConnectAsync("3-vehicles@smartcar.com");
        var token = await Auth().GetApplicationTokenAsync(CancellationToken.None);

        var ids = (await Api().ListConnectedVehicleIdsAsync(token.AccessToken, userId, CancellationToken.None)).Ids;
        var vehicle = await Api().GetVehicleAsync(token.AccessToken, userId, ids[0], CancellationToken.None);

        token.ExpiresInSeconds.ShouldBe(3600);
        ids.Count.ShouldBe(3);
        vehicle.Id.ShouldBe(ids[0]);
        vehicle.Make.ShouldNotBeNullOrEmpty();
        vehicle.Year.ShouldBeGreaterThan(2000);
        var calls = Emulator.RequestsWithSecrets.Where(r => r.Path.StartsWith("/v3/", StringComparison.Ordinal)).ToList();
        calls.ShouldAllBe(r => r.Headers["Authorization"] == $"Bearer {token.AccessToken}" && r.Headers["sc-user-id"] == userId);
    }

    [Fact]
    public async Task The_credentials_travel_in_the_form_body_as_Smartcars_documentation_shows()
    {
        await Auth().GetApplicationTokenAsync(CancellationToken.None);

        var request = Emulator.RequestsWithSecrets.ShouldHaveSingleItem();
        request.Path.ShouldBe("/oauth2/token");
        request.Body.ShouldBe($"grant_type=client_credentials&client_id={EmulatorDriver.ClientId}&client_secret={EmulatorDriver.ClientSecret}");
    }

    [Fact]
    public async Task Follows_every_page_of_connections()
    {
        var userId = await ConnectAsync("150-vehicles@smartcar.com");
        var token = await Auth().GetApplicationTokenAsync(CancellationToken.None);

        var ids = (await Api().ListConnectedVehicleIdsAsync(token.AccessToken, userId, CancellationToken.None)).Ids;

        ids.Count.ShouldBe(150);
        ids.Distinct().Count().ShouldBe(150);
        Emulator.CountRequests("GET", "/v3/connections").ShouldBe(2);
    }

    [Fact]
    public async Task Another_users_id_reaches_only_that_users_vehicles()
    {
        var first = await ConnectAsync("2-vehicles@smartcar.com");
        var second = await ConnectAsync("other-driver@example.com");
        var token = await Auth().GetApplicationTokenAsync(CancellationToken.None);

        var firstIds = (await Api().ListConnectedVehicleIdsAsync(token.AccessToken, first, CancellationToken.None)).Ids;
        var secondIds = (await Api().ListConnectedVehicleIdsAsync(token.AccessToken, second, CancellationToken.None)).Ids;

        firstIds.Count.ShouldBe(2);
        secondIds.ShouldHaveSingleItem();
        firstIds.ShouldNotContain(secondIds[0]);
        var refused = await Should.ThrowAsync<SmartcarApiException>(
            () => Api().GetVehicleAsync(token.AccessToken, second, firstIds[0], CancellationToken.None));
        refused.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_Smartcars_oauth_error()
    {
        var error = await Should.ThrowAsync<SmartcarAuthException>(
            () => Auth(clientSecret: "not-the-secret").GetApplicationTokenAsync(CancellationToken.None));

        error.Error.ShouldBe("invalid_client");
    }

    [Fact]
    public async Task A_revoked_application_token_is_an_authentication_error_with_status_401()
    {
        var userId = await ConnectAsync("driver@example.com");

        var error = await Should.ThrowAsync<SmartcarApiException>(
            () => Api().ListConnectedVehicleIdsAsync("not-a-token", userId, CancellationToken.None));

        error.IsAuthentication.ShouldBeTrue();
        error.StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task The_code_on_a_redirect_exchanges_and_its_token_names_the_user_who_connected()
    {
        var redirect = EmulatorDriver.QueryOf(await _smartcar.ConnectAsync("driver@example.com"));

        var tokens = await Auth().ExchangeCodeAsync(redirect["code"], EmulatorDriver.RedirectUri, CancellationToken.None);
        var userId = await ApiV2().GetUserIdAsync(tokens.AccessToken, CancellationToken.None);

        userId.ShouldBe(redirect["user_id"]);
        Emulator.RequestsWithSecrets.ShouldContain(r => r.Method == "GET" && r.Path == "/v2.0/user"
            && r.Headers["Authorization"] == $"Bearer {tokens.AccessToken}");
    }

    [Fact]
    public async Task Deleting_a_user_empties_their_connections_and_leaves_everyone_elses()
    {
        var me = await ConnectAsync("2-vehicles@smartcar.com");
        var other = await ConnectAsync("other-driver@example.com");
        var token = (await Auth().GetApplicationTokenAsync(CancellationToken.None)).AccessToken;

        await Api().DeleteUserAsync(token, me, CancellationToken.None);

        (await Api().ListConnectedVehicleIdsAsync(token, me, CancellationToken.None)).Ids.ShouldBeEmpty();
        (await Api().ListConnectedVehicleIdsAsync(token, other, CancellationToken.None)).Ids.ShouldHaveSingleItem();
        var delete = Emulator.RequestsWithSecrets.Where(r => r.Method == "DELETE").ShouldHaveSingleItem();
        delete.Path.ShouldBe($"/v3/users/{me}");
        delete.Headers["Authorization"].ShouldBe($"Bearer {token}");
    }

    [Fact]
    public async Task Deleting_a_user_Smartcar_does_not_know_is_a_404_api_error()
    {
        var token = (await Auth().GetApplicationTokenAsync(CancellationToken.None)).AccessToken;

        var error = await Should.ThrowAsync<SmartcarApiException>(
            () => Api().DeleteUserAsync(token, "no-such-user", CancellationToken.None));

        (error.StatusCode, error.Type, error.ErrorCode).ShouldBe((404, "RESOURCE_NOT_FOUND", "USER_NOT_FOUND"));
    }

    private async Task<string> ConnectAsync(string email) =>
        EmulatorDriver.QueryOf(await _smartcar.ConnectAsync(email))["user_id"];

    private ISmartcarAuth Auth(string clientSecret = EmulatorDriver.ClientSecret) =>
        App(clientSecret).CreateScope().ServiceProvider.GetRequiredService<ISmartcarAuth>();

    private ISmartcarApi ApiV2() => App().CreateScope().ServiceProvider.GetRequiredService<ISmartcarApi>();

    private ISmartcarApiV3 Api() => App().CreateScope().ServiceProvider.GetRequiredService<ISmartcarApiV3>();

    private ServiceProvider App(string clientSecret = EmulatorDriver.ClientSecret) =>
        _app ??= new ServiceCollection().AddLogging().AddInfrastructure(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Smartcar:ClientId"] = EmulatorDriver.ClientId,
                ["Smartcar:ClientSecret"] = clientSecret,
                ["Smartcar:ApplicationAuthBaseUrl"] = Emulator.BaseUrl,
                ["Smartcar:AuthBaseUrl"] = Emulator.BaseUrl,
                ["Smartcar:ApiBaseUrl"] = Emulator.BaseUrl,
                ["Smartcar:VehicleApiBaseUrl"] = Emulator.BaseUrl,
            }).Build(),
            _dataDirectory).BuildServiceProvider();

    public void Dispose()
    {
        _app?.Dispose();
        _smartcar.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
