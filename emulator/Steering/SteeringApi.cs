using System.Globalization;
using SmartcarClean.Emulator.Applications;
using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.Plans;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.World;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SmartcarClean.Emulator.Steering;

/// <summary>
/// The emulator's admin API under <c>/_emulator</c> (WireMock's own <c>/__admin</c> is off unless asked for) and
/// <c>GET /health</c>. JSON in and out; bad input is a 400 <c>{"error","message"}</c>, never a 500. Only local
/// callers are served (<see cref="SteeringGuard"/>).
/// </summary>
internal sealed class SteeringApi(SmartcarEmulator emulator)
{
    public void Register(WireMockServer server)
    {
        server.Given(Request.Create().WithPath(new RegexMatcher(@"^/_emulator(/.*)?$")).UsingAnyMethod())
            .AtPriority(MappingPriority.Steering)
            .WithTitle("emulator steering API")
            .RespondWith(Response.Create().WithCallback(Handle));
        server.Given(Request.Create().WithPath(SmartcarEmulator.HealthPath).UsingGet())
            .AtPriority(MappingPriority.Steering)
            .WithTitle("emulator health")
            .RespondWith(Response.Create().WithCallback(_ => HttpReplies.Json(200, new { status = "ok" })));
    }

    private ResponseMessage Handle(IRequestMessage request)
    {
        if (SteeringGuard.Refusal(request) is { } refusal)
        {
            return Error(refusal.Status, refusal.Error, refusal.Message);
        }

        string[] route = [.. request.Path.Trim('/').Split('/').Skip(1).Select(Uri.UnescapeDataString)];
        try
        {
            return (request.Method.ToUpperInvariant(), route) switch
            {
                ("GET", []) => HttpReplies.Html(200, AdminPage.Render(emulator.World.Snapshot(), emulator.PendingFaults, emulator.Requests)),
                ("POST", ["reset"]) => Reset(),
                ("GET", ["clock"]) => Clock(),
                ("POST", ["clock", "advance"]) => AdvanceClock(JsonInput.Parse(request)),
                ("POST", ["users"]) => SeedUser(JsonInput.Parse(request)),
                ("GET", ["applications"]) => HttpReplies.Json(200, emulator.World.Applications.Select(ApplicationJson)),
                ("POST", ["applications"]) => RegisterApplication(JsonInput.Parse(request)),
                ("POST", ["applications", var clientId, "redirect-uris"]) =>
                    Registered(emulator.World.AddRedirectUri(clientId, JsonInput.Parse(request).RequiredString("uri")), 200),
                ("PUT", ["applications", var clientId, "default-redirect-uri"]) =>
                    Registered(emulator.World.SetDefaultRedirectUri(clientId, JsonInput.Parse(request).RequiredString("uri")), 200),
                ("POST", ["tokens", var token, var action]) => ChangeToken(token, action),
                ("GET", ["faults"]) => HttpReplies.Json(200, emulator.PendingFaults.Select(FaultJson)),
                ("POST", ["faults"]) => AddFault(JsonInput.Parse(request)),
                ("DELETE", ["faults"]) => ClearFaults(),
                ("GET", ["plan"]) => HttpReplies.Json(200, PlanJson.Write(emulator.PlanUsage())),
                ("PUT", ["plan"]) => SetPlan(PlanJson.Read(JsonInput.Parse(request))),
                ("DELETE", ["plan"]) => SetPlan(Plan.Unlimited),
                ("GET", ["requests"]) => HttpReplies.Json(200, emulator.Requests.Select(RequestJson)),
                ("GET", ["state"]) => HttpReplies.Json(200, StateJson()),
                _ => Error(404, "not_found", $"No steering operation {request.Method} {request.Path}. See emulator/README.md."),
            };
        }
        catch (ArgumentException e)
        {
            return Error(400, "invalid_request", StripParameterName(e));
        }
        catch (InvalidOperationException e)
        {
            return Error(409, "conflict", e.Message);
        }
    }

    private ResponseMessage Reset()
    {
        emulator.Reset();
        return HttpReplies.Json(200, new { status = "reset" });
    }

    private ResponseMessage Clock() =>
        HttpReplies.Json(200, new { now = emulator.Clock.GetUtcNow(), offsetSeconds = emulator.Clock.Offset.TotalSeconds });

    private ResponseMessage AdvanceClock(JsonInput body)
    {
        var seconds = body.RequiredNumber("seconds");
        if (seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new ArgumentException($"seconds must be zero or more (the clock only moves forward), got {seconds.ToString(CultureInfo.InvariantCulture)}.");
        }

        emulator.AdvanceClock(TimeSpan.FromSeconds(seconds));
        return Clock();
    }

    private ResponseMessage SeedUser(JsonInput body)
    {
        var vehicles = body.RequiredArray("vehicles")
            .Select(v => new SeededVehicle(v.RequiredString("make"), v.RequiredString("model"), v.RequiredInt("year"), v.OptionalString("vin")))
            .ToArray();
        var user = emulator.SeedUser(body.RequiredString("email"), vehicles);
        return HttpReplies.Json(201, UserJson(user));
    }

    private ResponseMessage RegisterApplication(JsonInput body)
    {
        var redirectUris = body.RequiredStrings("redirectUris");
        if (redirectUris.Count == 0)
        {
            throw new ArgumentException("redirectUris needs at least one redirect URI.");
        }

        var application = new RegisteredApplication(body.RequiredString("clientId"), body.RequiredString("clientSecret"), redirectUris)
        {
            DefaultRedirectUri = body.OptionalString("defaultRedirectUri") ?? redirectUris[0],
        };
        return Registered(emulator.World.RegisterApplication(application), 201);
    }

    // Registration rules answer with a result, not an exception: map it to 400 or 404 with the rule's message.
    private static ResponseMessage Registered(RegistrationResult result, int successStatus) => result.Failure switch
    {
        RegistrationFailure.None => HttpReplies.Json(successStatus, ApplicationJson(result.Application!)),
        RegistrationFailure.UnknownApplication => Error(404, "not_found", result.Error!),
        _ => Error(400, "invalid_request", result.Error!),
    };

    // Never the client secret: the admin page and API are for looking, not for lifting credentials.
    private static object ApplicationJson(RegisteredApplication application) => new
    {
        clientId = application.ClientId,
        redirectUris = application.RedirectUris,
        defaultRedirectUri = application.DefaultRedirectUri,
    };

    private ResponseMessage ChangeToken(string token, string action)
    {
        var found = action switch
        {
            "expire" => emulator.World.ExpireToken(token),
            "revoke" => emulator.World.RevokeToken(token),
            "revoke-grant" => emulator.World.RevokeGrant(token),
            _ => throw new ArgumentException($"Unknown token action '{action}': use expire, revoke or revoke-grant."),
        };
        return found
            ? HttpReplies.Json(200, new { token = SmartcarEmulator.Masked(token), status = action + "d" })
            : Error(404, "not_found", $"No access or refresh token {SmartcarEmulator.Masked(token)} is known.");
    }

    private ResponseMessage AddFault(JsonInput body)
    {
        var kind = body.RequiredString("kind");
        var code = body.OptionalString("code");
        var fault = kind switch
        {
            "rate_limit" => Fault.RateLimit(code ?? "VEHICLE", TimeSpan.FromSeconds(body.OptionalInt("retryAfterSeconds") ?? (int)Fault.DefaultRetryAfter.TotalSeconds)),
            "upstream" => Fault.Upstream(code ?? "UNKNOWN_ISSUE"),
            "server" => Fault.Server(code ?? "INTERNAL"),
            "vehicle_state" => Fault.VehicleState(code ?? "ASLEEP"),
            "permission" => Fault.Permission(),
            "delay" => Fault.Delayed(TimeSpan.FromMilliseconds(body.OptionalInt("delayMilliseconds")
                ?? throw new ArgumentException("delayMilliseconds is required for kind delay."))),
            "drop" => Fault.DropConnection(),
            _ => throw new ArgumentException($"kind must be one of rate_limit, upstream, server, vehicle_state, permission, delay, drop; got '{kind}'."),
        };
        var pending = emulator.FailNext(
            body.RequiredString("method"), body.RequiredString("path"), fault, body.OptionalString("vehicleId"), body.OptionalInt("times") ?? 1);
        return HttpReplies.Json(201, FaultJson(pending));
    }

    private ResponseMessage SetPlan(Plan plan)
    {
        emulator.SetPlan(plan);
        return HttpReplies.Json(200, PlanJson.Write(emulator.PlanUsage()));
    }

    private ResponseMessage ClearFaults()
    {
        var count = emulator.PendingFaults.Count;
        emulator.ClearFaults();
        return HttpReplies.Json(200, new { cleared = count });
    }

    private object StateJson()
    {
        var state = emulator.World.Snapshot();
        return new
        {
            now = state.Now,
            clockOffsetSeconds = emulator.Clock.Offset.TotalSeconds,
            applications = state.Applications.Select(a => new { clientId = a.ClientId, redirectUris = a.RedirectUris }),
            users = state.Users.Select(UserJson),
            grants = state.Grants.Select(g => new
            {
                clientId = g.Grant.ClientId,
                userId = g.Grant.User.Id,
                email = g.Grant.User.Email,
                vehicleIds = g.Grant.Vehicles.Select(v => v.Id),
                scopes = g.Grant.Scopes,
                mode = g.Grant.Mode,
                tokens = g.Tokens.Select(t => new { kind = t.Kind, token = SmartcarEmulator.Masked(t.Value), expiresAt = t.ExpiresAt, live = t.Live }),
            }),
            faults = emulator.PendingFaults.Select(FaultJson),
            plan = PlanJson.Write(state.Plan),
            requests = emulator.Requests.TakeLast(AdminPage.RecentRequests)
                .Select(r => new { method = r.Method, path = r.Path, statusCode = r.StatusCode }),
        };
    }

    private static object UserJson(SmartcarUser user) => new
    {
        id = user.Id,
        email = user.Email,
        vehicles = user.Vehicles.Select(v => new { id = v.Id, make = v.Make, model = v.Model, year = v.Year, vin = v.Vin }),
    };

    private static object RequestJson(RecordedRequest r) => new
    {
        method = r.Method,
        path = r.Path,
        query = r.Query,
        headers = r.Headers,
        body = r.Body,
        statusCode = r.StatusCode,
    };

    private static object FaultJson(PendingFault f) => new
    {
        id = f.Id,
        method = f.Method,
        path = f.PathPattern,
        vehicleId = f.VehicleId,
        fault = f.Fault.ToString(),
        remaining = f.Remaining,
    };

    // ArgumentException appends " (Parameter 'x')"; the message alone reads better over HTTP.
    private static string StripParameterName(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static ResponseMessage Error(int status, string error, string message) =>
        HttpReplies.Json(status, new { error, message });
}
