using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Attributes;

/// <summary>
/// Reads what Smartcar says a connection's vehicles are (make, model, year, and powertrain where Smartcar gives it), in
/// both flows, within <see cref="SmartcarLimits"/>. The one place that does it: when a car is connected and when its
/// owner asks for a refresh; the vehicle list itself only shows what was stored. A car whose read fails is still kept,
/// "not read yet".
/// </summary>
internal sealed class AttributeReader(
    ISmartcarApi api,
    ISmartcarApiV3 apiV3,
    ApplicationTokens applicationTokens,
    IOptions<SmartcarLimits> limits)
{
    /// <summary>Classic flow: API v2.0 lists ids only, so each listed vehicle's attributes are one call.</summary>
    public Task<AttributeRead> ReadAsync(string accessToken, VehicleIdList list, PageCalls calls) =>
        ReadEachAsync(list, (id, token) => api.GetAttributesAsync(accessToken, id, token), calls);

    /// <summary>
    /// Server-side flow: <c>GET /v3/connections</c> describes each vehicle already; <c>GET /v3/vehicles/{id}</c> is called
    /// only for one it did not describe.
    /// </summary>
    /// <exception cref="SmartcarApiException">Smartcar could not list the user's vehicles.</exception>
    /// <exception cref="SmartcarAuthException">Smartcar refused the application's credentials.</exception>
    /// <exception cref="OperationCanceledException">The deadline of <paramref name="calls"/> passed while listing.</exception>
    public Task<AttributeRead> ReadAsync(string smartcarUserId, PageCalls calls) =>
        applicationTokens.CallAsync(
            async token =>
            {
                var list = await calls.RunAsync(t => apiV3.ListConnectedVehicleIdsAsync(token, smartcarUserId, t));
                return await ReadEachAsync(list, (id, t) => apiV3.GetVehicleAsync(token, smartcarUserId, id, t), calls);
            },
            calls.Token);

    private async Task<AttributeRead> ReadEachAsync(
        VehicleIdList list, Func<string, CancellationToken, Task<VehicleAttributes>> read, PageCalls calls)
    {
        var (reads, late) = await calls.RunEachAsync(
            list.Ids.Where(id => !list.Attributes.ContainsKey(id)),
            async (id, token) =>
            {
                try
                {
                    return new CarRead(await read(id, token), null);
                }
                catch (SmartcarApiException e)
                {
                    // This car stays "not read yet"; the others are still read.
                    return new CarRead(null, e);
                }
            });
        var attributes = list.Attributes.Values
            .Concat(reads.Select(r => r.Attributes).OfType<VehicleAttributes>())
            .Where(a => list.Ids.Contains(a.Id))
            .ToDictionary(a => a.Id);
        var failed = reads.Select(r => r.Error).OfType<SmartcarApiException>().FirstOrDefault();
        SmartcarProblem? problem = late ? new SmartcarProblem.PastDeadline(calls.Deadline, attributes.Count)
            : list.CutShort is { } cut ? new SmartcarProblem.ListCutShort(cut, list.Ids.Count, limits.Value)
            : failed is not null ? new SmartcarProblem.Refused(failed)
            : null;
        return new AttributeRead(list, attributes, problem);
    }

    private sealed record CarRead(VehicleAttributes? Attributes, SmartcarApiException? Error);
}

/// <summary>
/// One read of a connection's vehicles: the vehicles Smartcar listed, the attributes read (a car missing here is "not
/// read yet"), and what kept the read from being whole, if anything.
/// </summary>
internal sealed record AttributeRead(VehicleIdList List, IReadOnlyDictionary<string, VehicleAttributes> Attributes, SmartcarProblem? Problem)
{
    /// <summary>The descriptions to store, read at <paramref name="now"/>.</summary>
    public IEnumerable<(string VehicleId, VehicleDescription Description)> Descriptions(DateTimeOffset now) =>
        Attributes.Values.Select(a => (a.Id, new VehicleDescription(a.Make, a.Model, a.Year, a.Powertrain, now)));

    /// <summary>Server-side flow: keeps which Smartcar connection reaches each listed car, and what it permits.</summary>
    public void KeepConnectionsIn(SmartcarUserLink link)
    {
        foreach (var (vehicleId, connection) in List.Connections)
        {
            link.KeepConnection(vehicleId, connection.Id, connection.Permissions);
        }
    }
}
