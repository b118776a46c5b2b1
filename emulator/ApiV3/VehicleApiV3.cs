using System.Globalization;
using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.OAuth;
using SmartcarClean.Emulator.Plans;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.World;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace SmartcarClean.Emulator.ApiV3;

/// <summary>
/// The v3 Vehicle API (vehicle.api.smartcar.com), JSON:API style. Every call needs a live application
/// token from <c>/oauth2/token</c>; signals and commands also need <c>sc-user-id</c> because that token
/// carries no user. A vehicle the application has no live connection to (for that user) is 403. <c>DELETE /users/{id}</c>
/// removes a user from the application with all their connections, <c>DELETE /connections/{id}</c> one connection. The
/// plan's limits (<see cref="PlanLimits"/>) answer before the endpoint. An error fault queued for one signal
/// (<c>GET /v3/vehicles/*/signals/{code}</c>) also fails that signal inside the list of signals, as Smartcar reports a
/// signal it could not read (status ERROR) without failing the call.
/// </summary>
internal sealed class VehicleApiV3(SmartcarWorld world, FaultQueue faults)
{
    private const string UserIdHeader = "sc-user-id";
    private const int DefaultPageSize = 10;
    private const int MaxPageSize = 100;

    public void Register(WireMockServer server) =>
        server.AddEndpoint(Request.Create().WithPath(new RegexMatcher(@"^/v3(/.*)?$")).UsingAnyMethod(), Handle);

    private ResponseMessage Handle(IRequestMessage request)
    {
        var token = BearerToken.From(request) is { } bearer ? world.AuthenticateApplication(bearer) : null;
        if (token is null)
        {
            return V3Error.Authentication();
        }

        if (UnitSystem.Of(request) is not { } units)
        {
            return V3Error.InvalidParameter("sc-unit-system must be metric or imperial.");
        }

        if (world.Plans.AdmitCall(token.ClientId) is { } overBucket)
        {
            return overBucket.V3();
        }

        var userId = request.Header(UserIdHeader);
        string[] route = request.Path.Trim('/').Split('/')[1..];
        return (request.Method.ToUpperInvariant(), route) switch
        {
            ("GET", ["connections"]) => ListConnections(token, userId, UrlEncoded.Query(request)),
            ("GET", ["connections", var id]) => world.ConnectionsOf(token.ClientId).FirstOrDefault(c => c.Id == id) is { } connection
                ? HttpReplies.Json(200, new { data = V3Documents.Connection(connection) })
                : V3Error.ConnectionNotFound(id),
            ("GET", ["vehicles", var id]) => WithConnection(token, id, userId, c =>
                HttpReplies.Json(200, new { data = V3Documents.Vehicle(c.Vehicle, c.Mode) })),
            ("GET", ["vehicles", var id, "signals"]) => WithUser(userId, () => WithConnection(token, id, userId, c =>
                ListSignals(c, units))),
            ("GET", ["vehicles", var id, "signals", var code]) => WithUser(userId, () => WithConnection(token, id, userId, c =>
                V3Signals.Read(code, c.Vehicle, world.VehicleStateOf(c.Vehicle.Id), units, world.Time.GetUtcNow()) is { } signal
                    ? HttpReplies.Json(200, new { data = signal })
                    : V3Error.SignalNotFound(code))),
            ("POST", ["vehicles", var id, "commands", "security", var action]) when action is "lock" or "unlock" =>
                WithUser(userId, () => WithConnection(token, id, userId, c => LockOrUnlock(c, action))),
            ("DELETE", ["connections", var id]) => DeleteConnection(token, id),
            ("DELETE", ["users", var id]) => world.PurgeUser(token.ClientId, id) ? HttpReplies.NoContent() : V3Error.UserNotFound(id),
            _ => V3Error.InvalidPath(request.Path),
        };
    }

    /// <summary>Smartcar answers 204 with no body; the emulator refuses another application's connection with 403.</summary>
    private ResponseMessage DeleteConnection(ApplicationToken token, string connectionId) => world.DeleteConnection(token.ClientId, connectionId) switch
    {
        ConnectionDeletion.Deleted => HttpReplies.NoContent(),
        ConnectionDeletion.OtherApplication => V3Error.AccessDenied(),
        _ => V3Error.ConnectionNotFound(connectionId),
    };

    private static ResponseMessage WithUser(string? userId, Func<ResponseMessage> then) =>
        string.IsNullOrWhiteSpace(userId) ? V3Error.MissingUserId() : then();

    /// <summary>
    /// The application's live connection to the vehicle (for that user when sc-user-id is sent):
    /// an unknown vehicle is 404, a vehicle not connected to this application or user is 403.
    /// </summary>
    private ResponseMessage WithConnection(ApplicationToken token, string vehicleId, string? userId, Func<Connection, ResponseMessage> then)
    {
        var connection = world.ConnectionsOf(token.ClientId)
            .FirstOrDefault(c => c.Vehicle.Id == vehicleId && (string.IsNullOrWhiteSpace(userId) || c.User.Id == userId));
        if (connection is not null)
        {
            return world.Plans.AdmitVehicleCall(token.ClientId, vehicleId) is { } overPlan ? overPlan.V3() : then(connection);
        }

        return world.FindVehicle(vehicleId) is null ? V3Error.VehicleNotFound(vehicleId) : V3Error.AccessDenied();
    }

    private ResponseMessage ListConnections(ApplicationToken token, string? headerUserId, IReadOnlyDictionary<string, string> query)
    {
        if (!TryReadPage(query, "page[number]", 1, int.MaxValue, out var number)
            || !TryReadPage(query, "page[size]", DefaultPageSize, MaxPageSize, out var size))
        {
            return V3Error.InvalidParameter("page[number] and page[size] must be positive integers.");
        }

        var userId = query.GetValueOrDefault("filter[user_id]") ?? headerUserId;
        var all = world.ConnectionsOf(token.ClientId)
            .Where(c => string.IsNullOrWhiteSpace(userId) || c.User.Id == userId)
            .ToList();
        var lastPage = Math.Max(1, (all.Count + size - 1) / size);
        string Link(int page) => string.IsNullOrWhiteSpace(userId)
            ? $"/connections?page[number]={page}&page[size]={size}"
            : $"/connections?filter[user_id]={Uri.EscapeDataString(userId)}&page[number]={page}&page[size]={size}";

        return HttpReplies.Json(200, new
        {
            data = all.Skip((number - 1) * size).Take(size).Select(V3Documents.Connection),
            meta = new { page = number, pageSize = size, totalCount = all.Count },
            links = new
            {
                self = Link(number),
                first = Link(1),
                previous = number > 1 ? Link(number - 1) : null,
                next = number < lastPage ? Link(number + 1) : null,
                last = Link(lastPage),
            },
        });
    }

    /// <summary>Missing means the default; a size above the maximum is capped; anything else not a positive integer is invalid.</summary>
    private static bool TryReadPage(IReadOnlyDictionary<string, string> query, string name, int fallback, int max, out int value)
    {
        value = fallback;
        if (!query.TryGetValue(name, out var raw))
        {
            return true;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < 1)
        {
            return false;
        }

        value = Math.Min(value, max);
        return true;
    }

    private ResponseMessage ListSignals(Connection connection, UnitSystem units)
    {
        var vehicle = connection.Vehicle;
        var state = world.VehicleStateOf(vehicle.Id);
        var now = world.Time.GetUtcNow();
        var signals = V3Signals.Codes.Select(code =>
                faults.TakeErrorFor("GET", $"/v3/vehicles/{vehicle.Id}/signals/{code}") is { } fault
                    ? V3Signals.Failed(code, vehicle, FaultReplies.For(fault), now)
                    : V3Signals.Read(code, vehicle, state, units, now)!)
            .ToList();
        var self = $"/vehicles/{vehicle.Id}/signals?page=1&pageSize={signals.Count}";
        return HttpReplies.Json(200, new
        {
            data = signals,
            meta = new { page = 1, pageSize = signals.Count, totalCount = signals.Count },
            links = new { self, first = self, previous = (string?)null, next = (string?)null, last = self },
            included = new { vehicle = V3Documents.Vehicle(vehicle, connection.Mode) },
        });
    }

    /// <summary>Changes the same lock state the v2 <c>/security</c> endpoints read and write.</summary>
    private ResponseMessage LockOrUnlock(Connection connection, string action)
    {
        world.SetLocked(connection.Vehicle.Id, locked: action == "lock");
        return HttpReplies.Json(200, new { data = V3Documents.CommandExecution($"security-{action}", world.Time.GetUtcNow()) });
    }
}
