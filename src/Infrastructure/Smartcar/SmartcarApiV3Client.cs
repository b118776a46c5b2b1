using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// Smartcar's Vehicle API v3 (JSON:API documents) with the application token and <c>sc-user-id</c>, as Smartcar's
/// server-side tutorial calls it.
/// </summary>
internal sealed class SmartcarApiV3Client(HttpClient http, IOptions<SmartcarOptions> options, IOptions<SmartcarLimits> limits)
    : ISmartcarApiV3
{
    private const string UserIdHeader = "sc-user-id";

    // The largest page of connections Smartcar allows: one round trip for nearly every user.
    private const int PageSize = 100;

    public async Task<VehicleIdList> ListConnectedVehicleIdsAsync(
        string applicationToken, string smartcarUserId, CancellationToken cancellationToken)
    {
        var pages = new VehicleIdPages(limits.Value);
        var nextLinks = new HashSet<string>(StringComparer.Ordinal);
        // Each connection describes its vehicle (attributes.vehicle): kept, so listing costs no call per vehicle.
        var described = new Dictionary<string, VehicleAttributes>(StringComparer.Ordinal);
        for (var page = 1; ; page++)
        {
            var connections = await GetAsync<ConnectionPage>(
                applicationToken, smartcarUserId, $"/v3/connections?page[number]={page}&page[size]={PageSize}", cancellationToken);
            if (connections.Data is null)
            {
                throw SmartcarAnswers.Unreadable();
            }

            foreach (var connection in connections.Data)
            {
                if (Describe(connection) is { } vehicle)
                {
                    described.TryAdd(vehicle.Id, vehicle);
                }
            }

            var cut = pages.Add([.. connections.Data.Select(c => c.Relationships?.Vehicle?.Data?.Id)]);
            if (cut is not null || connections.Data.Count == 0 || connections.Links?.Next is not { } next)
            {
                return WithAttributes(pages.ToList(cut), described);
            }

            // The next link must lead on: one seen before, or naming this page or an earlier one, would repeat pages without end.
            if (!nextLinks.Add(next) || PageNumberIn(next) <= page)
            {
                return WithAttributes(pages.ToList(ListingCut.NotAdvancing), described);
            }

            if (pages.BeforeNextPage() is { } capped)
            {
                return WithAttributes(pages.ToList(capped), described);
            }
        }
    }

    // A connection without its vehicle's make, model and year is listed all the same, not described.
    private static VehicleAttributes? Describe(ConnectionResource connection) =>
        connection is { Relationships.Vehicle.Data.Id: { Length: > 0 } id, Attributes.Vehicle: { Make: { } make, Model: { } model, Year: { } year } vehicle }
            ? new VehicleAttributes(id, make, model, year, vehicle.PowertrainType)
            : null;

    private static VehicleIdList WithAttributes(VehicleIdList list, Dictionary<string, VehicleAttributes> described) =>
        list with { Attributes = list.Ids.Where(described.ContainsKey).ToDictionary(id => id, id => described[id]) };

    /// <summary>The <c>page[number]</c> a JSON:API link names, or null when it names none (e.g. a cursor).</summary>
    private static int? PageNumberIn(string link)
    {
        var at = link.IndexOf('?', StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(at < 0 ? string.Empty : link[at..]).TryGetValue("page[number]", out var number)
            && int.TryParse(number.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    public async Task<VehicleAttributes> GetVehicleAsync(
        string applicationToken, string smartcarUserId, string vehicleId, CancellationToken cancellationToken)
    {
        var vehicle = (await GetAsync<VehicleDocument>(
            applicationToken, smartcarUserId, $"/v3/vehicles/{Uri.EscapeDataString(vehicleId)}", cancellationToken)).Data;
        return vehicle is { Id: { } id, Attributes: { } attributes }
            ? new VehicleAttributes(id, attributes.Make, attributes.Model, attributes.Year, attributes.PowertrainType)
            : throw SmartcarAnswers.Unreadable();
    }

    public async Task DeleteUserAsync(string applicationToken, string smartcarUserId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, applicationToken, $"/v3/users/{Uri.EscapeDataString(smartcarUserId)}");
        using var response = await SendAsync(request, cancellationToken);
    }

    private async Task<T> GetAsync<T>(string applicationToken, string smartcarUserId, string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, applicationToken, path);
        request.Headers.Add(UserIdHeader, smartcarUserId);
        using var response = await SendAsync(request, cancellationToken);
        return await response.ReadAnswerAsync<T>(cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string applicationToken, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(options.Value.VehicleApiBaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", applicationToken);
        return request;
    }

    // v3 errors are JSON:API: {"errors":[{status, type, code, title, detail, suggestedUserMessage?}]}; the first one counts.
    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        http.SendToVehicleApiAsync<ErrorDocument>(
            request,
            document => document?.Errors is [{ } error, ..]
                ? new SmartcarError(error.Type, error.Code, error.Detail, error.SuggestedUserMessage, error.Resolution)
                : null,
            cancellationToken);

    private sealed record ConnectionPage(IReadOnlyList<ConnectionResource>? Data, PageLinks? Links);

    private sealed record PageLinks(string? Next);

    private sealed record ConnectionResource(ConnectionRelationships? Relationships, ConnectionFields? Attributes);

    private sealed record ConnectionFields(ConnectedVehicleFields? Vehicle);

    private sealed record ConnectedVehicleFields(string? Make, string? Model, int? Year, string? PowertrainType);

    private sealed record ConnectionRelationships(ResourceLink? Vehicle);

    private sealed record ResourceLink(ResourceId? Data);

    private sealed record ResourceId(string? Id);

    private sealed record VehicleDocument(VehicleResource? Data);

    private sealed record VehicleResource(string? Id, VehicleFields? Attributes);

    private sealed record VehicleFields(string Make, string Model, int Year, string? PowertrainType);

    private sealed record ErrorDocument(IReadOnlyList<ErrorObject>? Errors);

    private sealed record ErrorObject(
        string? Type, string? Code, string? Detail, string? SuggestedUserMessage, System.Text.Json.JsonElement? Resolution);
}
