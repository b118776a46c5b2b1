using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Common;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>Smartcar's vehicle API v2.0 with a vehicle owner's bearer token.</summary>
internal sealed class SmartcarApiClient(HttpClient http, IOptions<SmartcarOptions> options) : ISmartcarApi
{
    // The largest page Smartcar documents for GET /vehicles; fewer round trips for owners of many cars.
    private const int PageSize = 50;

    public async Task<IReadOnlyList<string>> ListVehicleIdsAsync(string accessToken, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        while (true)
        {
            var page = await GetAsync<VehiclePage>(accessToken, $"/v2.0/vehicles?limit={PageSize}&offset={ids.Count}", cancellationToken);
            ids.AddRange(page.Vehicles);
            if (page.Vehicles.Count == 0 || ids.Count >= page.Paging.Count)
            {
                return ids;
            }
        }
    }

    public Task<VehicleAttributes> GetAttributesAsync(string accessToken, string vehicleId, CancellationToken cancellationToken) =>
        GetAsync<VehicleAttributes>(accessToken, $"/v2.0/vehicles/{Uri.EscapeDataString(vehicleId)}", cancellationToken);

    private async Task<T> GetAsync<T>(string accessToken, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.ApiBaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new SmartcarApiException((int)response.StatusCode, "SDK_ERROR", null, "Empty response body.");
    }

    private static async Task<SmartcarApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ApiError>(cancellationToken);
            return new SmartcarApiException(status, error?.Type ?? "UNKNOWN", error?.Code, error?.Description);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            return new SmartcarApiException(status, "UNKNOWN", null, response.ReasonPhrase);
        }
    }

    private sealed record VehiclePage(IReadOnlyList<string> Vehicles, Paging Paging);

    private sealed record Paging(int Count, int Offset);

    private sealed record ApiError(string? Type, string? Code, string? Description);
}
