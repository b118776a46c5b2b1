using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>Smartcar's vehicle API v2.0 with a vehicle owner's bearer token.</summary>
internal sealed partial class SmartcarApiClient(HttpClient http, IOptions<SmartcarOptions> options, IOptions<SmartcarLimits> limits)
    : ISmartcarApi
{
    // The largest page Smartcar documents for GET /vehicles; fewer round trips for owners of many cars.
    private const int PageSize = 50;

    public async Task<VehicleIdList> ListVehicleIdsAsync(string accessToken, CancellationToken cancellationToken)
    {
        var pages = new VehicleIdPages(limits.Value);
        for (var offset = 0; ;)
        {
            var page = (await GetAsync<VehiclePage>(accessToken, $"/v2.0/vehicles?limit={PageSize}&offset={offset}", cancellationToken)).Value;
            if (page is not { Vehicles: not null, Paging: not null })
            {
                throw SmartcarAnswers.Unreadable();
            }

            // An answer for another offset than the one asked for would send the reading back over pages without end.
            var cut = page.Paging.Offset == offset ? pages.Add(page.Vehicles) : ListingCut.NotAdvancing;
            offset += page.Vehicles.Count;
            if (cut is not null || page.Vehicles.Count == 0 || offset >= page.Paging.Count)
            {
                return pages.ToList(cut);
            }

            if (pages.BeforeNextPage() is { } capped)
            {
                return pages.ToList(capped);
            }
        }
    }

    public async Task<VehicleAttributes> GetAttributesAsync(string accessToken, string vehicleId, CancellationToken cancellationToken) =>
        (await GetAsync<VehicleAttributes>(accessToken, VehiclePath(vehicleId, ""), cancellationToken)).Value;

    public async Task<string> GetUserIdAsync(string accessToken, CancellationToken cancellationToken)
    {
        var user = (await GetAsync<SmartcarUser>(accessToken, "/v2.0/user", cancellationToken)).Value;
        return string.IsNullOrEmpty(user.Id)
            ? throw new SmartcarApiException(200, "SDK_ERROR", null, "Smartcar's answer names no user.")
            : user.Id;
    }

    public async Task<string> SetLockAsync(string accessToken, string vehicleId, bool locked, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl, VehiclePath(vehicleId, "security")))
        {
            Content = JsonContent.Create(new { action = locked ? "LOCK" : "UNLOCK" }),
        };
        var result = await SendAsync<CommandResult>(request, accessToken, cancellationToken);
        return result.Value.Message ?? "Sent to the vehicle.";
    }

    public async Task DisconnectAsync(string accessToken, string vehicleId, CancellationToken cancellationToken) =>
        await SendAsync<CommandResult>(
            new HttpRequestMessage(HttpMethod.Delete, new Uri(options.Value.ApiBaseUrl, VehiclePath(vehicleId, "application"))),
            accessToken,
            cancellationToken);

    private static string VehiclePath(string vehicleId, string path) => $"/v2.0/vehicles/{Uri.EscapeDataString(vehicleId)}/{path}";

    private Task<Reading<T>> GetAsync<T>(string accessToken, string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.ApiBaseUrl, path)), accessToken, cancellationToken);

    // Takes ownership of the request and disposes it. v2.0's error body is the error's fields themselves.
    private async Task<Reading<T>> SendAsync<T>(HttpRequestMessage request, string accessToken, CancellationToken cancellationToken)
    {
        using var owned = request;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendToVehicleApiAsync<SmartcarError>(request, error => error, cancellationToken);
        var value = await response.ReadAnswerAsync<T>(cancellationToken);
        var dataAge = Header(response, "sc-data-age") is { } age
            && DateTimeOffset.TryParse(age, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var recorded)
            ? recorded
            : (DateTimeOffset?)null;
        return new Reading<T>(value, dataAge, Header(response, "sc-unit-system") ?? "metric");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed record VehiclePage(IReadOnlyList<string?>? Vehicles, Paging? Paging);

    private sealed record Paging(int Count, int Offset);

    private sealed record SmartcarUser(string? Id);

    private sealed record CommandResult(string? Status, string? Message);
}
