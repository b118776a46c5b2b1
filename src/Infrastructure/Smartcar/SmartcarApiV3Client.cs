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
        // And names itself (for DELETE /v3/connections/{id}) with what the user granted.
        var connectionsByVehicle = new Dictionary<string, ListedConnection>(StringComparer.Ordinal);
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

                if (connection is { Id: { Length: > 0 } connectionId, Relationships.Vehicle.Data.Id: { Length: > 0 } vehicleId })
                {
                    connectionsByVehicle.TryAdd(vehicleId, new ListedConnection(connectionId, connection.Attributes?.Permissions ?? []));
                }
            }

            var cut = pages.Add([.. connections.Data.Select(c => c.Relationships?.Vehicle?.Data?.Id)]);
            if (cut is not null || connections.Data.Count == 0 || connections.Links?.Next is not { } next)
            {
                return WithAttributes(pages.ToList(cut), described, connectionsByVehicle);
            }

            // The next link must lead on: one seen before, or naming this page or an earlier one, would repeat pages without end.
            if (!nextLinks.Add(next) || PageNumberIn(next) <= page)
            {
                return WithAttributes(pages.ToList(ListingCut.NotAdvancing), described, connectionsByVehicle);
            }

            if (pages.BeforeNextPage() is { } capped)
            {
                return WithAttributes(pages.ToList(capped), described, connectionsByVehicle);
            }
        }
    }

    // A connection without its vehicle's make, model and year is listed all the same, not described.
    private static VehicleAttributes? Describe(ConnectionResource connection) =>
        connection is { Relationships.Vehicle.Data.Id: { Length: > 0 } id, Attributes.Vehicle: { Make: { } make, Model: { } model, Year: { } year } vehicle }
            ? new VehicleAttributes(id, make, model, year, vehicle.PowertrainType)
            : null;

    private static VehicleIdList WithAttributes(
        VehicleIdList list, Dictionary<string, VehicleAttributes> described, Dictionary<string, ListedConnection> connections) =>
        list with
        {
            Attributes = list.Ids.Where(described.ContainsKey).ToDictionary(id => id, id => described[id]),
            Connections = list.Ids.Where(connections.ContainsKey).ToDictionary(id => id, id => connections[id]),
        };

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

    public async Task<IReadOnlyList<Signal>> ReadSignalsAsync(
        string applicationToken, string smartcarUserId, string vehicleId, CancellationToken cancellationToken)
    {
        // One page as large as Smartcar allows: every signal the page shows in one call (the first page's default is 10).
        var page = await GetAsync<SignalPage>(
            applicationToken, smartcarUserId, $"/v3/vehicles/{Uri.EscapeDataString(vehicleId)}/signals?page=1&pageSize={PageSize}", cancellationToken);
        if (page.Data is null)
        {
            throw SmartcarAnswers.Unreadable();
        }

        return [.. page.Data.Where(s => s.Attributes?.Code is { Length: > 0 }).Select(ToSignal)];
    }

    // SUCCESS carries the value; ERROR (with Smartcar's error) and UNAVAILABLE carry none, nor does a SUCCESS without a body.
    private static Signal ToSignal(SignalResource signal)
    {
        var attributes = signal.Attributes!;
        var status = attributes.Status?.Value is "SUCCESS" or "ERROR" ? attributes.Status.Value : "UNAVAILABLE";
        var error = status == "SUCCESS" && attributes.Body is { ValueKind: System.Text.Json.JsonValueKind.Object }
            ? null
            : new SignalError(
                status == "SUCCESS" ? "UNAVAILABLE" : status,
                attributes.Status?.Error?.Type,
                attributes.Status?.Error?.Code,
                attributes.Status?.Error?.Message);
        return new Signal(attributes.Code!, error is null ? attributes.Body : null, signal.Meta?.OemUpdatedAt ?? signal.Meta?.RetrievedAt, error);
    }

    public async Task SetLockAsync(string applicationToken, string smartcarUserId, string vehicleId, bool locked, CancellationToken cancellationToken)
    {
        var action = locked ? "lock" : "unlock";
        using var request = Request(
            HttpMethod.Post, applicationToken, $"/v3/vehicles/{Uri.EscapeDataString(vehicleId)}/commands/security/{action}");
        request.Headers.Add(UserIdHeader, smartcarUserId);
        using var response = await SendAsync(request, cancellationToken);
        // 200 is done, 202 still running (Smartcar: "always read the response body"); a FAILED execution did not lock.
        var execution = await response.ReadAnswerAsync<CommandDocument>(cancellationToken);
        if (execution.Data?.Attributes?.Status?.Value is "FAILED" or "ERROR")
        {
            throw new SmartcarApiException((int)response.StatusCode, "UPSTREAM", execution.Data.Attributes.Status.Error?.Code, "The command failed.")
            {
                SuggestedUserMessage = execution.Data.Attributes.Status.Error?.Message,
            };
        }
    }

    public async Task DeleteConnectionAsync(string applicationToken, string connectionId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, applicationToken, $"/v3/connections/{Uri.EscapeDataString(connectionId)}");
        using var response = await SendAsync(request, cancellationToken);
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

    private sealed record ConnectionResource(string? Id, ConnectionRelationships? Relationships, ConnectionFields? Attributes);

    private sealed record ConnectionFields(ConnectedVehicleFields? Vehicle, IReadOnlyList<string>? Permissions);

    private sealed record ConnectedVehicleFields(string? Make, string? Model, int? Year, string? PowertrainType);

    private sealed record ConnectionRelationships(ResourceLink? Vehicle);

    private sealed record ResourceLink(ResourceId? Data);

    private sealed record ResourceId(string? Id);

    private sealed record VehicleDocument(VehicleResource? Data);

    private sealed record VehicleResource(string? Id, VehicleFields? Attributes);

    private sealed record VehicleFields(string Make, string Model, int Year, string? PowertrainType);

    private sealed record SignalPage(IReadOnlyList<SignalResource>? Data);

    private sealed record SignalResource(SignalFields? Attributes, SignalMeta? Meta);

    private sealed record SignalFields(string? Code, SignalStatus? Status, System.Text.Json.JsonElement? Body);

    private sealed record SignalStatus(string? Value, SignalErrorFields? Error);

    private sealed record SignalErrorFields(string? Type, string? Code, string? Message);

    private sealed record SignalMeta(DateTimeOffset? RetrievedAt, DateTimeOffset? OemUpdatedAt);

    private sealed record CommandDocument(CommandResource? Data);

    private sealed record CommandResource(CommandFields? Attributes);

    private sealed record CommandFields(SignalStatus? Status);

    private sealed record ErrorDocument(IReadOnlyList<ErrorObject>? Errors);

    private sealed record ErrorObject(
        string? Type, string? Code, string? Detail, string? SuggestedUserMessage, System.Text.Json.JsonElement? Resolution);
}
