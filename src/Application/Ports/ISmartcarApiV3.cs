using SmartcarClean.Application.Options;
using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Application.Ports;

// Every method throws SmartcarApiException (status 0, code UNREACHABLE) when no answer comes: a refused or dropped
// connection or a timeout, once retries are spent. Callers never see HttpRequestException.

/// <summary>
/// Smartcar's Vehicle API v3, called with the application token; <c>sc-user-id</c> says on whose behalf.
/// </summary>
public interface ISmartcarApiV3
{
    /// <summary>
    /// The ids of every vehicle the Smartcar user connected to this application, across all pages, within
    /// <see cref="SmartcarLimits"/>.
    /// </summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<VehicleIdList> ListConnectedVehicleIdsAsync(string applicationToken, string smartcarUserId, CancellationToken cancellationToken);

    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<VehicleAttributes> GetVehicleAsync(string applicationToken, string smartcarUserId, string vehicleId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the Smartcar user from this application (<c>DELETE /v3/users/{id}</c>, 204): Smartcar purges all their
    /// connections and other data.
    /// </summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error (404: the user has nothing left here).</exception>
    Task DeleteUserAsync(string applicationToken, string smartcarUserId, CancellationToken cancellationToken);

    /// <summary>
    /// Every signal Smartcar holds for the vehicle in one call (<c>GET /v3/vehicles/{id}/signals</c>). A signal that
    /// failed comes back with its error; it does not fail the call.
    /// </summary>
    /// <exception cref="SmartcarApiException">Smartcar refused the call as a whole.</exception>
    Task<IReadOnlyList<Signal>> ReadSignalsAsync(
        string applicationToken, string smartcarUserId, string vehicleId, CancellationToken cancellationToken);

    /// <summary>Sends LOCK or UNLOCK (<c>POST /v3/vehicles/{id}/commands/security/lock|unlock</c>).</summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error, or the command did not succeed.</exception>
    Task SetLockAsync(string applicationToken, string smartcarUserId, string vehicleId, bool locked, CancellationToken cancellationToken);

    /// <summary>
    /// Disconnects one vehicle of one user from this application (<c>DELETE /v3/connections/{id}</c>, 204); the user's
    /// other vehicles stay connected.
    /// </summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error (404: the connection is already gone).</exception>
    Task DeleteConnectionAsync(string applicationToken, string connectionId, CancellationToken cancellationToken);
}
