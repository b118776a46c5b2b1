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

namespace SmartcarClean.Emulator.ApiV2;

/// <summary>
/// The v2.0 Vehicle API (api.smartcar.com). Every call needs a live Bearer access token; a vehicle
/// the token does not cover answers 403 PERMISSION, and so does an endpoint whose permission was not
/// granted. Routes tolerate a trailing slash, as the node SDK sends one. Successful answers carry the
/// sc-data-age, sc-fetched-at and sc-unit-system headers (metric, or imperial on request).
/// Errors use the v2 shape (type, code, description, docURL, statusCode, requestId, ...). The plan's limits
/// (<see cref="PlanLimits"/>) answer before the endpoint.
/// </summary>
internal sealed class VehicleApi(SmartcarWorld world, FaultQueue faults)
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 50;

    public void Register(WireMockServer server) =>
        server.AddEndpoint(Request.Create().WithPath(new RegexMatcher(@"^/v2\.0(/.*)?$")).UsingAnyMethod(), Handle);

    private ResponseMessage Handle(IRequestMessage request)
    {
        var grant = BearerToken.From(request) is { } bearer ? world.AuthenticateConnected(bearer) : null;
        if (grant is null)
        {
            return V2Error.Authentication();
        }

        if (UnitSystem.Of(request) is not { } units)
        {
            return V2Error.InvalidParameter();
        }

        if (world.Plans.AdmitCall(grant.ClientId) is { } overBucket)
        {
            return overBucket.V2();
        }

        string[] route = request.Path.Trim('/').Split('/')[1..];
        var reply = (request.Method.ToUpperInvariant(), route) switch
        {
            ("GET", ["vehicles"]) => ListVehicles(grant, UrlEncoded.Query(request)),
            ("GET", ["user"]) => HttpReplies.Json(200, new { id = grant.User.Id }),
            (var method, ["vehicles", var id, .. var rest]) => ForVehicle(grant, id, method, string.Join('/', rest), request.Body, units),
            _ => V2Error.PathNotFound(),
        };

        if (reply.StatusCode is int status and >= 200 and < 300)
        {
            foreach (var (name, value) in SmartcarHeaders.For(world.Time.GetUtcNow(), units))
            {
                reply.AddHeader(name, value);
            }
        }

        return reply;
    }

    /// <summary>A vehicle the grant does not cover (never did, or was disconnected) is 403 PERMISSION.</summary>
    private ResponseMessage ForVehicle(Grant grant, string vehicleId, string method, string path, string? body, UnitSystem units)
    {
        var vehicle = grant.Vehicles.FirstOrDefault(v => v.Id == vehicleId);
        if (vehicle is null)
        {
            return V2Error.Permission();
        }

        var batch = (method, path) == ("POST", "batch");
        if (world.Plans.AdmitVehicleCall(grant.ClientId, vehicleId, batch) is { } overPlan)
        {
            return overPlan.V2();
        }

        var call = new VehicleCall(world, grant, vehicle, units, body);
        return batch ? VehicleBatch.Run(call, faults) : VehicleEndpoints.Call(call, method, path);
    }

    private static ResponseMessage ListVehicles(Grant grant, IReadOnlyDictionary<string, string> query)
    {
        if (!TryReadPaging(query, out var limit, out var offset))
        {
            return V2Error.InvalidParameter();
        }

        // paging.count is the total number of vehicles, not the size of this page.
        var page = grant.Vehicles.Skip(offset).Take(limit).Select(v => v.Id).ToList();
        return HttpReplies.Json(200, new { vehicles = page, paging = new { count = grant.Vehicles.Count, offset } });
    }

    private static bool TryReadPaging(IReadOnlyDictionary<string, string> query, out int limit, out int offset)
    {
        limit = DefaultLimit;
        offset = 0;
        if (query.TryGetValue("limit", out var rawLimit) && !int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            return false;
        }

        if (query.TryGetValue("offset", out var rawOffset) && !int.TryParse(rawOffset, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            return false;
        }

        limit = Math.Min(limit, MaxLimit);
        return limit >= 1;
    }
}
