using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Common;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// Smartcar's Vehicle API v3 (JSON:API documents) with the application token and <c>sc-user-id</c>, as Smartcar's
/// server-side tutorial calls it.
/// </summary>
internal sealed class SmartcarApiV3Client(HttpClient http, IOptions<SmartcarOptions> options) : ISmartcarApiV3
{
    private const string UserIdHeader = "sc-user-id";

    // The largest page of connections Smartcar allows: one round trip for nearly every user.
    private const int PageSize = 100;

    public async Task<IReadOnlyList<string>> ListConnectedVehicleIdsAsync(
        string applicationToken, string smartcarUserId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var connections = await GetAsync<ConnectionPage>(
                applicationToken, smartcarUserId, $"/v3/connections?page[number]={page}&page[size]={PageSize}", cancellationToken);
            ids.AddRange(connections.Data.Select(c => c.Relationships.Vehicle.Data.Id));
            if (connections.Data.Count == 0 || connections.Links?.Next is null)
            {
                return ids.Distinct().ToList();
            }
        }
    }

    public async Task<VehicleAttributes> GetVehicleAsync(
        string applicationToken, string smartcarUserId, string vehicleId, CancellationToken cancellationToken)
    {
        var vehicle = (await GetAsync<VehicleDocument>(
            applicationToken, smartcarUserId, $"/v3/vehicles/{Uri.EscapeDataString(vehicleId)}", cancellationToken)).Data;
        return new VehicleAttributes(vehicle.Id, vehicle.Attributes.Make, vehicle.Attributes.Model, vehicle.Attributes.Year);
    }

    public async Task DeleteUserAsync(string applicationToken, string smartcarUserId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, applicationToken, $"/v3/users/{Uri.EscapeDataString(smartcarUserId)}");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }
    }

    private async Task<T> GetAsync<T>(string applicationToken, string smartcarUserId, string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, applicationToken, path);
        request.Headers.Add(UserIdHeader, smartcarUserId);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken);
        }

        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new SmartcarApiException((int)response.StatusCode, "SDK_ERROR", null, "Empty response body.");
    }

    private HttpRequestMessage Request(HttpMethod method, string applicationToken, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(options.Value.VehicleApiBaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", applicationToken);
        return request;
    }

    // v3 errors are JSON:API: {"errors":[{status, type, code, title, detail, suggestedUserMessage?}]}.
    private static async Task<SmartcarApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = response.Headers.RetryAfter?.Delta;
        try
        {
            var errors = (await response.Content.ReadFromJsonAsync<ErrorDocument>(cancellationToken))?.Errors;
            var error = errors is { Count: > 0 } ? errors[0] : null;
            return new SmartcarApiException(status, error?.Type ?? "UNKNOWN", error?.Code, error?.Detail)
            {
                SuggestedUserMessage = error?.SuggestedUserMessage,
                RetryAfter = retryAfter,
                Resolution = SmartcarResolution.Read(error?.Resolution),
            };
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            return new SmartcarApiException(status, "UNKNOWN", null, response.ReasonPhrase) { RetryAfter = retryAfter };
        }
    }

    private sealed record ConnectionPage(IReadOnlyList<ConnectionResource> Data, PageLinks? Links);

    private sealed record PageLinks(string? Next);

    private sealed record ConnectionResource(ConnectionRelationships Relationships);

    private sealed record ConnectionRelationships(ResourceLink Vehicle);

    private sealed record ResourceLink(ResourceId Data);

    private sealed record ResourceId(string Id);

    private sealed record VehicleDocument(VehicleResource Data);

    private sealed record VehicleResource(string Id, VehicleFields Attributes);

    private sealed record VehicleFields(string Make, string Model, int Year);

    private sealed record ErrorDocument(IReadOnlyList<ErrorObject>? Errors);

    private sealed record ErrorObject(
        string? Type, string? Code, string? Detail, string? SuggestedUserMessage, System.Text.Json.JsonElement? Resolution);
}
