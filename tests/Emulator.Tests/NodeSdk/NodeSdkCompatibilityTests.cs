using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.NodeSdk;

/// <summary>
/// Smartcar's official Node SDK (npm <c>smartcar</c>, pinned) runs unchanged against the emulator: its Connect URL is
/// accepted, its token exchanges parse, every vehicle call returns the documented shape with the meta fields the SDK
/// computes, and errors become the SDK's SmartcarError. Needs <c>node</c> on PATH (a missing one fails, never skips);
/// installs the SDK with <c>npm ci</c> when node_modules is missing. One session (<see cref="NodeSdkSession"/>) is shared.
/// </summary>
public sealed class NodeSdkCompatibilityTests(NodeSdkSession session, ITestOutputHelper output) : IClassFixture<NodeSdkSession>
{
    private static readonly string[] Scopes = AllScopes.Split(' ');

    /// <summary>Every successful v2 call in the session; each must carry the SDK-built meta.</summary>
    private static readonly string[] V2Results =
    [
        "vehicles", "vehiclesPage", "user", "attributes", "vin", "odometer", "location", "fuel", "battery", "batteryCapacity",
        "charge", "engineOil", "tirePressure", "permissions", "unlock", "lockStatusUnlocked", "lock", "lockStatusLocked",
        "startCharge", "chargeAfterStart", "stopCharge", "narrowPermissions", "narrowBatchAttributes", "disconnect",
        "narrowAfterOtherDisconnect",
    ];

    private JsonElement Result => session.Result;

    [Fact]
    public void The_pinned_sdk_runs_and_identifies_itself()
    {
        output.WriteLine($"npm ci (if needed) + url run + Connect x2 + session run: {session.Elapsed.TotalSeconds:F2} s");
        NodeSdkRunner.InstalledSdkVersion().ShouldBe(NodeSdkRunner.PinnedSdkVersion);
        session.Urls.GetProperty("sdkVersion").GetString().ShouldBe(NodeSdkRunner.PinnedSdkVersion);

        var requests = session.SdkRequests;
        requests.Count.ShouldBeGreaterThan(40);
        foreach (var request in requests)
        {
            HeaderOf(request.Headers, "User-Agent").ShouldStartWith($"Smartcar/{NodeSdkRunner.PinnedSdkVersion} (");
            HeaderOf(request.Headers, "User-Agent").ShouldContain("Node.js v");
        }

        // The SDK's own URLs: trailing slashes, Content-Type on GET, sc-unit-system on vehicle calls.
        var paths = requests.Select(r => $"{r.Method} {r.Path}").ToList();
        paths.ShouldContain("GET /v2.0/vehicles/");
        paths.ShouldContain("GET /v2.0/user/");
        paths.ShouldContain($"GET /v2.0/vehicles/{VehicleId}/");
        paths.ShouldContain($"GET /v3/vehicles/{VehicleId}/");
        var odometer = requests.First(r => r.Path == $"/v2.0/vehicles/{VehicleId}/odometer");
        HeaderOf(odometer.Headers, "Content-Type").ShouldBe("application/json");
        HeaderOf(odometer.Headers, "sc-unit-system").ShouldBe("metric");

        // Vehicle({flags}) and exchangeCode(code, {flags}) put ?flags= on their URLs; the emulator ignores it.
        requests.Where(r => r.Query.Contains("flags=country%3ADE", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.Path} {r.StatusCode}")
            .ShouldContain("POST /oauth/token 200");
        requests.ShouldContain(r => r.Path.EndsWith("/permissions", StringComparison.Ordinal) && r.Query == "?flags=country%3ADE" && r.StatusCode == 200);
    }

    [Fact]
    public void The_sdk_connect_url_points_at_the_emulator_and_connect_accepts_it()
    {
        var authUrl = session.Urls.GetProperty("authUrl").GetString()!;
        authUrl.ShouldBe(
            $"{session.Driver.Emulator.BaseUrl}/oauth/authorize?response_type=code&client_id={ClientId}&approval_prompt=force"
            + "&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fexchange"
            + $"&scope={string.Join("%20", Scopes)}"
            + "&state=sdk%20state%2F%C3%BC%2B%26%3D%2520%20~*'!()%23x&single_select=true&make=TESLA&mode=test");
        Result.GetProperty("authUrl").GetString().ShouldBe(authUrl);

        session.Redirect.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        var query = QueryOf(session.Redirect);
        query["state"].ShouldBe(NodeSdkSession.State);
        query["user_id"].ShouldBe(Result.GetProperty("user").GetProperty("id").GetString());

        var narrowUrl = session.Urls.GetProperty("narrowAuthUrl").GetString()!;
        narrowUrl.ShouldEndWith(
            "&approval_prompt=auto&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fexchange&scope=read_vehicle_info&state=narrow-7"
            + "&single_select=false&flags=country%3ADE%20color%3A00819D&user=sdk-user-42&mode=test");
        session.NarrowRedirect.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        QueryOf(session.NarrowRedirect)["state"].ShouldBe(NodeSdkSession.NarrowState);
    }

    [Fact]
    public void Token_exchanges_give_the_sdk_its_access_object()
    {
        foreach (var name in new[] { "exchange", "refresh" })
        {
            var access = Result.GetProperty(name);
            Guid.TryParse(access.GetProperty("accessToken").GetString(), out _).ShouldBeTrue(name);
            Guid.TryParse(access.GetProperty("refreshToken").GetString(), out _).ShouldBeTrue(name);
            DateOf(access, "expiration").ShouldBeInRange(session.SessionStarted.AddHours(2).AddSeconds(-1), session.SessionEnded.AddHours(2).AddSeconds(1));
            DateOf(access, "refreshExpiration").ShouldBeInRange(session.SessionStarted.AddDays(60).AddSeconds(-1), session.SessionEnded.AddDays(60).AddSeconds(1));
        }

        Result.GetProperty("refresh").GetProperty("refreshToken").GetString()
            .ShouldNotBe(Result.GetProperty("exchange").GetProperty("refreshToken").GetString());

        var code = QueryOf(session.Redirect)["code"];
        ShouldBeSmartcarError(Result.GetProperty("codeReuse"), "invalid_request", 400, $"Invalid code: {code}.");
        ShouldBeSmartcarError(Result.GetProperty("badRefresh"), "invalid_grant", 400, "Invalid refresh_token: not-a-refresh-token.");
    }

    [Fact]
    public void Without_redirect_uri_connect_uses_the_default_but_the_sdk_exchange_sends_undefined()
    {
        var url = session.Urls.GetProperty("defaultRedirectAuthUrl").GetString()!;
        url.ShouldNotContain("redirect_uri");
        url.ShouldNotContain("scope");
        session.DefaultRedirect.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        QueryOf(session.DefaultRedirect)["state"].ShouldBe("default-redirect");

        // SDK 10.2+ gotcha (reference §4.1): the form carries redirect_uri=undefined, which is no registered URI.
        ShouldBeSmartcarError(Result.GetProperty("noRedirectUriExchange"), "invalid_grant", 400, "Unauthorized redirect_uri: undefined");
    }

    [Fact]
    public void Vehicle_reads_have_the_documented_shapes()
    {
        var vehicles = Result.GetProperty("vehicles");
        vehicles.GetProperty("vehicles").GetArrayLength().ShouldBe(1, "single_select=true grants one of the three vehicles");
        vehicles.GetProperty("paging").GetProperty("count").GetInt32().ShouldBe(1);
        Result.GetProperty("vehiclesPage").GetProperty("vehicles")[0].GetString().ShouldBe(VehicleId);
        Guid.TryParse(Result.GetProperty("user").GetProperty("id").GetString(), out _).ShouldBeTrue();

        var attributes = Result.GetProperty("attributes");
        attributes.GetProperty("id").GetString().ShouldBe(VehicleId);
        attributes.GetProperty("make").GetString().ShouldBe("TESLA");
        attributes.GetProperty("model").GetString().ShouldNotBeNullOrEmpty();
        attributes.GetProperty("year").GetInt32().ShouldBeInRange(2000, 2030);
        Result.GetProperty("vin").GetProperty("vin").GetString()!.Length.ShouldBe(17);
        Number("odometer", "distance").ShouldBeInRange(10_000, 300_000);
        Number("location", "latitude").ShouldBeInRange(37, 41);
        Number("location", "longitude").ShouldBeInRange(-109.05, -102.04);
        Number("fuel", "range").ShouldBeInRange(0, 483);
        Number("fuel", "percentRemaining").ShouldBeInRange(0, 1);
        Number("fuel", "amountRemaining").ShouldBeInRange(0, 500);
        Number("battery", "range").ShouldBeInRange(0, 483);
        Number("battery", "percentRemaining").ShouldBeInRange(0, 1);
        Number("batteryCapacity", "capacity").ShouldBeGreaterThan(0);
        Result.GetProperty("charge").GetProperty("isPluggedIn").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
        Result.GetProperty("charge").GetProperty("state").GetString().ShouldBeOneOf("CHARGING", "FULLY_CHARGED", "NOT_CHARGING");
        Number("engineOil", "lifeRemaining").ShouldBeInRange(0, 1);
        foreach (var tire in new[] { "frontLeft", "frontRight", "backLeft", "backRight" })
        {
            Number("tirePressure", tire).ShouldBeInRange(175, 237);
        }

        Result.GetProperty("permissions").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(Scopes);
        Result.GetProperty("imperialOdometer").GetProperty("meta").GetProperty("unitSystem").GetString().ShouldBe("imperial");
        Number("imperialOdometer", "distance").ShouldBe(Number("odometer", "distance") / 1.609344, 0.2);
    }

    [Fact]
    public void Every_response_carries_the_meta_the_sdk_builds_from_headers()
    {
        var emulatorNow = session.Driver.Clock.GetUtcNow();
        foreach (var name in V2Results)
        {
            var meta = Result.GetProperty(name).GetProperty("meta");
            meta.GetProperty("requestId").GetString()!.Length.ShouldBe(36, name);
            DateOf(meta, "dataAge").ShouldBe(emulatorNow, TimeSpan.FromHours(1), name);
            DateOf(meta, "fetchedAt").ShouldBe(emulatorNow, TimeSpan.FromHours(1), name);
            meta.GetProperty("unitSystem").GetString().ShouldBe("metric", name);
        }

        var requestIds = V2Results.Select(n => Result.GetProperty(n).GetProperty("meta").GetProperty("requestId").GetString()).ToList();
        requestIds.Distinct().Count().ShouldBe(requestIds.Count);
    }

    [Fact]
    public void Commands_succeed_and_change_the_state_the_sdk_reads()
    {
        foreach (var name in new[] { "unlock", "lock", "startCharge", "stopCharge" })
        {
            Result.GetProperty(name).GetProperty("status").GetString().ShouldBe("success", name);
            Result.GetProperty(name).GetProperty("message").GetString().ShouldBe("Successfully sent request to vehicle", name);
        }

        Result.GetProperty("lockStatusUnlocked").GetProperty("isLocked").GetBoolean().ShouldBeFalse();
        Result.GetProperty("lockStatusLocked").GetProperty("isLocked").GetBoolean().ShouldBeTrue();
        Result.GetProperty("lockStatusLocked").GetProperty("doors").EnumerateArray()
            .Select(d => d.GetProperty("status").GetString()).ShouldAllBe(s => s == "LOCKED");
        Result.GetProperty("lockStatusUnlocked").GetProperty("doors").EnumerateArray()
            .Select(d => d.GetProperty("status").GetString()).ShouldAllBe(s => s == "UNLOCKED");
        Result.GetProperty("chargeAfterStart").GetProperty("isPluggedIn").GetBoolean().ShouldBeTrue();
        Result.GetProperty("chargeAfterStart").GetProperty("state").GetString().ShouldBe("CHARGING");
    }

    [Fact]
    public void Batch_answers_become_the_sdks_named_functions()
    {
        var batch = Result.GetProperty("batch");
        batch.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["attributes", "odometer", "location", "lockStatus", "tirePressure", "engineOil", "batteryCapacity"]);
        batch.GetProperty("attributes").GetProperty("id").GetString().ShouldBe(VehicleId);
        batch.GetProperty("odometer").GetProperty("distance").GetDouble().ShouldBe(Number("odometer", "distance"));
        batch.GetProperty("location").GetProperty("latitude").GetDouble().ShouldBe(Number("location", "latitude"));
        batch.GetProperty("lockStatus").GetProperty("isLocked").GetBoolean().ShouldBeTrue("the batch runs after lock()");
        batch.GetProperty("tirePressure").GetProperty("frontLeft").GetDouble().ShouldBe(Number("tirePressure", "frontLeft"));
        batch.GetProperty("engineOil").GetProperty("lifeRemaining").GetDouble().ShouldBe(Number("engineOil", "lifeRemaining"));
        batch.GetProperty("batteryCapacity").GetProperty("capacity").GetDouble().ShouldBe(Number("batteryCapacity", "capacity"));
        foreach (var item in batch.EnumerateObject())
        {
            item.Value.GetProperty("meta").GetProperty("requestId").GetString()!.Length.ShouldBe(36, item.Name);
            DateOf(item.Value.GetProperty("meta"), "dataAge");
        }

        Result.GetProperty("narrowBatchAttributes").GetProperty("make").GetString().ShouldBe("FORD");
        // The SDK builds a failed batch item's error from the batch response, so statusCode is the batch's 200.
        ShouldBeSmartcarError(Result.GetProperty("narrowBatchError"), "PERMISSION", 200);
    }

    [Fact]
    public void Api_errors_become_smartcar_errors_with_the_sdks_fields()
    {
        Result.GetProperty("narrowPermissions").GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldBe(["read_vehicle_info"]);
        var permission = ShouldBeSmartcarError(Result.GetProperty("permissionError"), "PERMISSION", 403);
        permission.GetProperty("resolution").GetProperty("type").GetString().ShouldBe("REAUTHENTICATE");
        permission.GetProperty("docURL").GetString().ShouldStartWith("https://smartcar.com/docs/errors/");
        permission.GetProperty("message").GetString().ShouldStartWith("PERMISSION:null - ");

        var authentication = ShouldBeSmartcarError(Result.GetProperty("authenticationError"), "AUTHENTICATION", 401);
        authentication.GetProperty("message").GetString().ShouldStartWith("AUTHENTICATION:null - The authorization header is missing or malformed");
        ShouldBeSmartcarError(Result.GetProperty("unknownVehicleError"), "PERMISSION", 403);
        ShouldBeSmartcarError(Result.GetProperty("unsupportedEndpointError"), "RESOURCE_NOT_FOUND", 404);

        Result.GetProperty("disconnect").GetProperty("status").GetString().ShouldBe("success");
        ShouldBeSmartcarError(Result.GetProperty("afterDisconnectError"), "AUTHENTICATION", 401);
        Result.GetProperty("narrowAfterOtherDisconnect").GetProperty("make").GetString().ShouldBe("FORD", "another user's grant survives");
    }

    [Fact]
    public void V3_get_vehicle_and_signals_work_with_an_application_token()
    {
        var v3 = Result.GetProperty("v3Vehicle");
        var data = v3.GetProperty("body").GetProperty("data");
        data.GetProperty("id").GetString().ShouldBe(VehicleId);
        data.GetProperty("type").GetString().ShouldBe("vehicle");
        data.GetProperty("attributes").GetProperty("make").GetString().ShouldBe("TESLA");
        data.GetProperty("attributes").GetProperty("mode").GetString().ShouldBe("test");
        v3.GetProperty("headers").GetProperty("content-type").GetString().ShouldBe("application/json");
        v3.GetProperty("headers").GetProperty("sc-request-id").GetString()!.Length.ShouldBe(36);

        var signals = Result.GetProperty("v3Signals").GetProperty("body").GetProperty("data").EnumerateArray().ToList();
        signals.Select(s => s.GetProperty("id").GetString()).ShouldContain("odometer-traveleddistance");
        signals.Single(s => s.GetProperty("id").GetString() == "closure-islocked")
            .GetProperty("attributes").GetProperty("body").GetProperty("value").GetBoolean().ShouldBeTrue("v3 sees the lock state v2 lock() set");

        // vehicle.getSignals() sends no sc-user-id; the v3 JSON:API error has no top-level type, so the SDK says SDK_ERROR.
        ShouldBeSmartcarError(Result.GetProperty("v3SignalsWithoutUser"), "SDK_ERROR", 400);
    }

    private string VehicleId => Result.GetProperty("vehicles").GetProperty("vehicles")[0].GetString()!;

    private double Number(string result, string field) => Result.GetProperty(result).GetProperty(field).GetDouble();

    private static DateTimeOffset DateOf(JsonElement element, string field) =>
        DateTimeOffset.Parse(element.GetProperty(field).GetString()!, CultureInfo.InvariantCulture);

    private static string HeaderOf(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value ?? "";

    private static JsonElement ShouldBeSmartcarError(JsonElement error, string type, int statusCode, string? description = null)
    {
        error.GetProperty("isSmartcarError").GetBoolean().ShouldBeTrue(error.ToString());
        error.GetProperty("name").GetString().ShouldBe("SmartcarError");
        error.GetProperty("type").GetString().ShouldBe(type, error.ToString());
        error.GetProperty("statusCode").GetInt32().ShouldBe(statusCode, error.ToString());
        error.GetProperty("requestId").GetString()!.Length.ShouldBe(36, error.ToString());
        if (description is not null)
        {
            error.GetProperty("description").GetString().ShouldBe(description);
        }

        return error;
    }
}
