using System.Globalization;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SmartcarClean.Emulator;

/// <summary>
/// The v2.0 Vehicle API (api.smartcar.com). Every call needs a live Bearer access token; a vehicle
/// the token does not cover answers 403 PERMISSION. Routes tolerate a trailing slash, as the node SDK
/// sends one. Errors use the v2 shape (type, code, description, docURL, statusCode, requestId, ...).
/// </summary>
internal sealed class VehicleApi(SmartcarWorld world)
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 50;

    public void Register(WireMockServer server) =>
        server.Given(Request.Create().WithPath(new RegexMatcher(@"^/v2\.0(/.*)?$")).UsingAnyMethod())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(Handle));

    private ResponseMessage Handle(IRequestMessage request)
    {
        var grant = Authenticate(request);
        if (grant is null)
        {
            return V2Error.Authentication();
        }

        string[] route = request.Path.Trim('/').Split('/')[1..];
        return (request.Method.ToUpperInvariant(), route) switch
        {
            ("GET", ["vehicles"]) => ListVehicles(grant, UrlEncoded.Query(request)),
            ("GET", ["user"]) => HttpReplies.Json(200, new { id = grant.User.Id }),
            ("GET", ["vehicles", var id]) => WithVehicle(grant, id, v => new { id = v.Id, make = v.Make, model = v.Model, year = v.Year }),
            ("GET", ["vehicles", var id, "vin"]) => WithVehicle(grant, id, v => new { vin = v.Vin }),
            ("GET", ["vehicles", var id, "permissions"]) => WithVehicle(grant, id, _ => new
            {
                permissions = grant.Scopes,
                paging = new { count = grant.Scopes.Count, offset = 0 },
            }),
            _ => V2Error.PathNotFound(),
        };
    }

    private Grant? Authenticate(IRequestMessage request)
    {
        var header = request.Header("Authorization");
        const string Scheme = "Bearer ";
        return header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? world.Authenticate(header[Scheme.Length..].Trim())
            : null;
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

    /// <summary>Vehicle data carries the data-age and unit-system headers Smartcar adds.</summary>
    private ResponseMessage WithVehicle(Grant grant, string vehicleId, Func<Vehicle, object> body)
    {
        var vehicle = grant.Vehicles.FirstOrDefault(v => v.Id == vehicleId);
        if (vehicle is null)
        {
            return V2Error.Permission();
        }

        var reply = HttpReplies.Json(200, body(vehicle));
        var now = world.Time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        reply.AddHeader("sc-data-age", now);
        reply.AddHeader("sc-fetched-at", now);
        reply.AddHeader("sc-unit-system", "metric");
        return reply;
    }
}
