using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;

namespace SmartcarClean.Application.Flows;

/// <summary>
/// Opens one of the current user's cars for calls to Smartcar in the flow it was connected through: classic with an
/// access token renewed when it is due, server-side with the application token (fetched when a call needs it).
/// </summary>
internal sealed class VehicleAccess(
    UserVehicles vehicles,
    AccessTokens accessTokens,
    ISmartcarApi api,
    ISmartcarApiV3 apiV3,
    ApplicationTokens applicationTokens,
    IApplicationDbContext db)
{
    public async Task<VehicleOpening> OpenAsync(string vehicleId, CancellationToken cancellationToken)
    {
        switch (await vehicles.FindAsync(vehicleId, cancellationToken))
        {
            case UserVehicle.Classic classic:
                try
                {
                    return await accessTokens.ForAsync(classic.Connection, cancellationToken) is { } token
                        ? new VehicleOpening.Open(new ClassicVehicle(classic, token, api, accessTokens))
                        : new VehicleOpening.ReconnectNeeded();
                }
                catch (SmartcarApiException e)
                {
                    return new VehicleOpening.Unavailable(e);
                }

            case UserVehicle.ServerSide serverSide:
                return new VehicleOpening.Open(new ServerSideVehicle(serverSide, apiV3, applicationTokens, db));
            default:
                return new VehicleOpening.NotFound();
        }
    }
}
