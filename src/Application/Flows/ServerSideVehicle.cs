using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Flows;

/// <summary>
/// A car of a server-side link: API v3 with the application token and <c>sc-user-id</c>; readings from one
/// <c>GET /v3/vehicles/{id}/signals</c>, mapped onto the readings the classic flow keeps (<see cref="SignalReadings"/>).
/// </summary>
internal sealed class ServerSideVehicle(
    UserVehicle.ServerSide car, ISmartcarApiV3 apiV3, ApplicationTokens applicationTokens, IApplicationDbContext db)
    : OpenVehicle(car)
{
    private string SmartcarUserId => car.Link.SmartcarUserId;

    // The connection's permissions, kept when Smartcar listed it; none kept (a car listed before they were): not known.
    public override IReadOnlyList<string>? Permissions(VehicleReadings readings) =>
        car.Vehicle.Permissions is [_, ..] permissions ? permissions : null;

    public override async Task<SmartcarProblem?> FetchReadingsAsync(VehicleReadings readings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        readings.Asked(now);
        IReadOnlyList<Signal> signals;
        try
        {
            signals = await applicationTokens.CallAsync(
                token => apiV3.ReadSignalsAsync(token, SmartcarUserId, VehicleId, cancellationToken), cancellationToken);
        }
        catch (SmartcarApiException e) when (!e.RequiresReconnect)
        {
            return new SmartcarProblem.Refused(e);
        }
        catch (SmartcarAuthException)
        {
            return new SmartcarProblem.ApplicationNotAuthorized();
        }

        SignalReadings.Keep(readings, signals, now);
        readings.Answered(now);
        return null;
    }

    public override Task SetLockAsync(bool locked, CancellationToken cancellationToken) =>
        applicationTokens.CallAsync(
            async token =>
            {
                await apiV3.SetLockAsync(token, SmartcarUserId, VehicleId, locked, cancellationToken);
                return true;
            },
            cancellationToken);

    // No user token to mark: the car's access is Smartcar's connection, which the vehicle list's Refresh reads again.
    public override Task MarkReconnectNeededAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Disconnects this one car (<c>DELETE /v3/connections/{id}</c>) and forgets it with its stored readings; the user's
    /// other cars stay. A car listed before connection ids were kept has its id read once (<c>GET /v3/connections</c>).
    /// </summary>
    /// <returns>Null when Smartcar no longer has the connection (404 included: already gone); otherwise why not.</returns>
    public async Task<SmartcarProblem?> DisconnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await applicationTokens.CallAsync(
                async token =>
                {
                    if (car.Vehicle.ConnectionId is null)
                    {
                        await KeepConnectionIdsAsync(token, cancellationToken);
                    }

                    // Smartcar does not list the car any more: nothing is left to delete there.
                    if (car.Vehicle.ConnectionId is { } connectionId)
                    {
                        await apiV3.DeleteConnectionAsync(token, connectionId, cancellationToken);
                    }

                    return true;
                },
                cancellationToken);
        }
        catch (SmartcarApiException e) when (e is { StatusCode: 404 })
        {
            // Already gone at Smartcar: the user still wants it gone here.
        }
        catch (SmartcarApiException e)
        {
            return new SmartcarProblem.Refused(e);
        }
        catch (SmartcarAuthException)
        {
            return new SmartcarProblem.ApplicationNotAuthorized();
        }

        car.Link.RemoveVehicle(VehicleId);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    protected override Task<VehicleAttributes> ReadAttributesAsync(CancellationToken cancellationToken) =>
        applicationTokens.CallAsync(token => apiV3.GetVehicleAsync(token, SmartcarUserId, VehicleId, cancellationToken), cancellationToken);

    // Every car of the link gets its connection id from the one list, so this is read once per link at most.
    private async Task KeepConnectionIdsAsync(string token, CancellationToken cancellationToken)
    {
        var list = await apiV3.ListConnectedVehicleIdsAsync(token, SmartcarUserId, cancellationToken);
        foreach (var (vehicleId, connection) in list.Connections)
        {
            car.Link.KeepConnection(vehicleId, connection.Id, connection.Permissions);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
