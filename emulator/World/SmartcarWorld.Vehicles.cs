using System.Security.Cryptography;
using System.Text;
using SmartcarClean.Emulator.OAuth;

namespace SmartcarClean.Emulator.World;

/// <summary>
/// Per-vehicle data (created on first use, seeded by vehicle id), disconnects, and the connections
/// the v3 API lists. Every grant comes from an approved Connect session, which always issues a code,
/// so the codes are the record of who connected which vehicle to which application, and when.
/// </summary>
public sealed partial class SmartcarWorld
{
    private readonly Dictionary<string, VehicleState> _vehicleStates = new(StringComparer.Ordinal);

    // Vehicle ids each grant no longer covers (DELETE /application). Grants are compared by reference:
    // reconnecting through Connect makes a new grant, which covers the vehicle again.
    private readonly Dictionary<Grant, HashSet<string>> _disconnected = new(ReferenceEqualityComparer.Instance);

    public VehicleState VehicleStateOf(string vehicleId)
    {
        lock (_gate)
        {
            return StateOf(vehicleId);
        }
    }

    public VehicleState SetLocked(string vehicleId, bool locked)
    {
        lock (_gate)
        {
            return _vehicleStates[vehicleId] = StateOf(vehicleId) with { IsLocked = locked };
        }
    }

    /// <summary>Test mode answers success to every command, so START also plugs the vehicle in.</summary>
    public VehicleState SetCharging(string vehicleId, bool charging)
    {
        lock (_gate)
        {
            var state = StateOf(vehicleId);
            return _vehicleStates[vehicleId] = charging
                ? state with { IsPluggedIn = true, ChargeState = VehicleState.Charging }
                : state with { ChargeState = VehicleState.NotCharging };
        }
    }

    /// <summary>
    /// The grant behind a live access token, narrowed to the vehicles still connected; null when the
    /// token is unknown, expired, or every vehicle it covered was disconnected.
    /// </summary>
    public Grant? AuthenticateConnected(string accessToken)
    {
        lock (_gate)
        {
            if (!_accessTokens.TryGetValue(accessToken, out var token) || Now >= token.ExpiresAt
                || IsFullyDisconnected(token.Grant))
            {
                return null;
            }

            var disconnected = _disconnected.GetValueOrDefault(token.Grant);
            return disconnected is null
                ? token.Grant
                : token.Grant with { Vehicles = [.. token.Grant.Vehicles.Where(v => !disconnected.Contains(v.Id))] };
        }
    }

    /// <summary>Revokes the application's access to one vehicle of this user: every grant's tokens stop working for it.</summary>
    public void Disconnect(string clientId, string userId, string vehicleId)
    {
        lock (_gate)
        {
            foreach (var grant in AllGrants().Where(g => g.ClientId == clientId && g.User.Id == userId
                && g.Vehicles.Any(v => v.Id == vehicleId)))
            {
                if (!_disconnected.TryGetValue(grant, out var vehicles))
                {
                    _disconnected[grant] = vehicles = new HashSet<string>(StringComparer.Ordinal);
                }

                vehicles.Add(vehicleId);
            }
        }
    }

    /// <summary>The application's connections (one per user and vehicle), oldest first.</summary>
    public IReadOnlyList<Connection> ConnectionsOf(string clientId)
    {
        lock (_gate)
        {
            return [.. _codes.Values
                .Where(c => c.Grant.ClientId == clientId)
                .SelectMany(c => c.Grant.Vehicles
                    .Where(v => !IsDisconnected(c.Grant, v.Id))
                    .Select(v => (Code: c, Vehicle: v)))
                .GroupBy(x => (x.Code.Grant.User.Id, x.Vehicle.Id))
                .Select(ToConnection)
                .OrderBy(c => c.CreatedAt)
                .ThenBy(c => c.Id, StringComparer.Ordinal)];
        }
    }

    public Vehicle? FindVehicle(string vehicleId)
    {
        lock (_gate)
        {
            return _usersByEmail.Values.SelectMany(u => u.Vehicles).FirstOrDefault(v => v.Id == vehicleId);
        }
    }

    private VehicleState StateOf(string vehicleId)
    {
        if (!_vehicleStates.TryGetValue(vehicleId, out var state))
        {
            _vehicleStates[vehicleId] = state = VehicleState.Seeded(vehicleId);
        }

        return state;
    }

    private bool IsDisconnected(Grant grant, string vehicleId) =>
        _disconnected.TryGetValue(grant, out var vehicles) && vehicles.Contains(vehicleId);

    private bool IsFullyDisconnected(Grant grant) =>
        _disconnected.TryGetValue(grant, out var vehicles) && grant.Vehicles.All(v => vehicles.Contains(v.Id));

    private IEnumerable<Grant> AllGrants() =>
        _codes.Values.Select(c => c.Grant)
            .Concat(_accessTokens.Values.Select(t => t.Grant))
            .Concat(_refreshTokens.Values.Select(t => t.Grant))
            .Distinct(ReferenceEqualityComparer.Instance)
            .Cast<Grant>();

    private Connection ToConnection(IGrouping<(string UserId, string VehicleId), (AuthorizationCode Code, Vehicle Vehicle)> grants)
    {
        // A code is issued the moment the user presses Allow and lives exactly Lifetimes.Code.
        var byTime = grants.OrderBy(g => g.Code.ExpiresAt).ToList();
        var latest = byTime[^1].Code.Grant;
        return new Connection(
            ConnectionId(latest.ClientId, grants.Key.UserId, grants.Key.VehicleId),
            latest.ClientId,
            latest.User,
            byTime[^1].Vehicle,
            latest.Scopes,
            latest.Mode,
            byTime[0].Code.ExpiresAt - Lifetimes.Code,
            byTime[^1].Code.ExpiresAt - Lifetimes.Code);
    }

    // Stable across reconnects: the same user, vehicle and application are the same connection.
    private static string ConnectionId(string clientId, string userId, string vehicleId) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{clientId}|{userId}|{vehicleId}"))[..16]).ToString();

    private void ForgetVehicleData()
    {
        _vehicleStates.Clear();
        _disconnected.Clear();
        _applicationTokens.Clear();
    }
}
