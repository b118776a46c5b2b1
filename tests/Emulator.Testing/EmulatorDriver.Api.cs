using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SmartcarClean.Emulator.Testing;

/// <summary>Helpers for the vehicle data endpoints, application tokens and the v3 API.</summary>
public sealed partial class EmulatorDriver
{
    /// <summary>Every permission the v2 data endpoints check.</summary>
    public const string AllScopes =
        "read_vehicle_info read_vin read_odometer read_location read_fuel read_battery read_charge control_charge "
        + "read_engine_oil read_tires read_security control_security";

    /// <summary>Connects with the given scopes and exchanges the code; returns the tokens.</summary>
    public async Task<TokenResponse> ConnectWithScopesAsync(string scope, string email = "driver@example.com", string brand = "TESLA")
    {
        var location = await ConnectAsync(email, brand, authorizeUrl: AuthorizeUrl(scope: scope));
        var response = await ExchangeCodeAsync(QueryOf(location)["code"]);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return TokenResponse.From(await JsonAsync(response));
    }

    /// <summary>Connects with every permission and returns the access token and the first vehicle id.</summary>
    public async Task<(string AccessToken, string VehicleId)> ConnectVehicleAsync(string email = "driver@example.com")
    {
        var tokens = await ConnectWithScopesAsync(AllScopes, email);
        return (tokens.AccessToken, await FirstVehicleIdAsync(tokens.AccessToken));
    }

    public async Task<string> FirstVehicleIdAsync(string accessToken) =>
        (await JsonAsync(await GetApiAsync("/v2.0/vehicles", accessToken))).GetProperty("vehicles")[0].GetString()!;

    /// <summary>Any API call: Bearer token, optional JSON body, unit system and sc-user-id.</summary>
    public async Task<HttpResponseMessage> SendApiAsync(
        HttpMethod method, string path, string? bearer, string? json = null, string? unitSystem = null, string? userId = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (unitSystem is not null)
        {
            request.Headers.Add("sc-unit-system", unitSystem);
        }

        if (userId is not null)
        {
            request.Headers.Add("sc-user-id", userId);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>POST /oauth2/token with a form body and the credentials in it.</summary>
    public Task<HttpResponseMessage> RequestApplicationTokenAsync(string clientId = ClientId, string clientSecret = ClientSecret) =>
        PostFormAsync("/oauth2/token", ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", clientSecret));

    public async Task<string> ApplicationTokenAsync(string clientId = ClientId, string clientSecret = ClientSecret)
    {
        var response = await RequestApplicationTokenAsync(clientId, clientSecret);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await JsonAsync(response)).GetProperty("access_token").GetString()!;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First()
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.First()
        : null;
}
