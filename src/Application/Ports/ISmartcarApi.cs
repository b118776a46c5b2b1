using SmartcarClean.Application.Options;
using SmartcarClean.Application.VehicleData;

namespace SmartcarClean.Application.Ports;

// Every method throws SmartcarApiException (status 0, code UNREACHABLE) when no answer comes: a refused or dropped
// connection or a timeout, once retries are spent. Callers never see HttpRequestException.

/// <summary>Smartcar's vehicle API (v2.0), called with a vehicle owner's access token.</summary>
public interface ISmartcarApi
{
    /// <summary>Every vehicle id the token reaches, across all pages, within <see cref="SmartcarLimits"/>.</summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<VehicleIdList> ListVehicleIdsAsync(string accessToken, CancellationToken cancellationToken);

    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<VehicleAttributes> GetAttributesAsync(string accessToken, string vehicleId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads several paths of one vehicle (e.g. <c>odometer</c>, <c>permissions</c>) in one call,
    /// <c>POST /vehicles/{id}/batch</c>: each path's answer or error, by path. A path that fails in passing (5xx) is
    /// asked again, in a batch of its own, as often as a failing read is.
    /// </summary>
    /// <exception cref="SmartcarApiException">Smartcar refused the batch as a whole.</exception>
    Task<IReadOnlyDictionary<string, BatchAnswer>> ReadBatchAsync(
        string accessToken, string vehicleId, IReadOnlyList<string> paths, CancellationToken cancellationToken);

    /// <summary>Revokes this application's access to the vehicle (<c>DELETE /vehicles/{id}/application</c>).</summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task DisconnectAsync(string accessToken, string vehicleId, CancellationToken cancellationToken);

    /// <summary>
    /// The Smartcar user the access token belongs to (<c>GET /v2.0/user</c>): the same id as Connect's <c>user_id</c>.
    /// </summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<string> GetUserIdAsync(string accessToken, CancellationToken cancellationToken);

    /// <summary>Sends LOCK or UNLOCK; returns Smartcar's message.</summary>
    /// <exception cref="SmartcarApiException">Smartcar answered with an error.</exception>
    Task<string> SetLockAsync(string accessToken, string vehicleId, bool locked, CancellationToken cancellationToken);
}
