using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Telemetry;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.Testing;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Smartcar;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>
/// Every call the app makes to Smartcar is counted on the app's meter, by endpoint template and status: the app's real
/// clients, as DI builds them, against the real emulator, read with the metrics' own test collector.
/// </summary>
public sealed class SmartcarCallMetricsTests : IDisposable
{
    private readonly EmulatorDriver _smartcar = new();
    private readonly ServiceProvider _app;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-metrics-").FullName;
    private readonly MetricCollector<long> _calls;
    private readonly MetricCollector<long> _heldBack;

    public SmartcarCallMetricsTests()
    {
        var emulator = _smartcar.Emulator.BaseUrl;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smartcar:ClientId"] = EmulatorDriver.ClientId,
            ["Smartcar:ClientSecret"] = EmulatorDriver.ClientSecret,
            ["Smartcar:AuthBaseUrl"] = emulator,
            ["Smartcar:ApplicationAuthBaseUrl"] = emulator,
            ["Smartcar:ApiBaseUrl"] = emulator,
            ["Smartcar:VehicleApiBaseUrl"] = emulator,
        }).Build();
        // Real time: the retries wait between attempts.
        _app = new ServiceCollection().AddLogging().AddInfrastructure(configuration, _dataDirectory).BuildServiceProvider();
        var meters = _app.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        _calls = new(meters, AppMeter.Name, "smartcar.calls");
        _heldBack = new(meters, AppMeter.Name, "smartcar.calls.held_back");
    }

    private SmartcarEmulator Emulator => _smartcar.Emulator;

    [Fact]
    public async Task Every_call_is_counted_by_endpoint_template_and_status_retries_included_and_no_id_in_any_tag()
    {
        var auth = _app.GetRequiredService<ISmartcarAuth>();
        var api = _app.GetRequiredService<ISmartcarApi>();
        var code = await _smartcar.GetCodeAsync();
        var tokens = await auth.ExchangeCodeAsync(code, EmulatorDriver.RedirectUri, default);
        Emulator.FailNext("GET", "/v2.0/vehicles", Fault.Upstream());
        var car = (await api.ListVehicleIdsAsync(tokens.AccessToken, default)).Ids[0];
        await api.GetAttributesAsync(tokens.AccessToken, car, default);
        Emulator.FailNext("POST", "/v2.0/vehicles/*/security", Fault.DropConnection());
        await Should.ThrowAsync<SmartcarApiException>(() => api.SetLockAsync(tokens.AccessToken, car, true, default));
        Emulator.FailNext("GET", $"/v2.0/vehicles/{car}", Fault.RateLimit("VEHICLE"));
        await Should.ThrowAsync<SmartcarApiException>(() => api.GetAttributesAsync(tokens.AccessToken, car, default));
        await Should.ThrowAsync<SmartcarApiException>(() => api.GetAttributesAsync(tokens.AccessToken, car, default));
        var applicationToken = (await auth.GetApplicationTokenAsync(default)).AccessToken;
        (await _app.GetRequiredService<ISmartcarApiV3>().ListConnectedVehicleIdsAsync(applicationToken, "no-such-user", default))
            .Ids.ShouldBeEmpty();

        Calls().ShouldBe(
        [
            ("POST /oauth/token", "200"),
            ("GET /v2.0/vehicles", "502"),
            ("GET /v2.0/vehicles", "200"),
            ("GET /v2.0/vehicles/{id}", "200"),
            ("POST /v2.0/vehicles/{id}/security", "unreachable"),
            ("GET /v2.0/vehicles/{id}", "429"),
            ("POST /oauth2/token", "200"),
            ("GET /v3/connections", "200"),
        ]);
        _heldBack.GetMeasurementSnapshot().Select(m => (m.Tags["endpoint"], m.Tags["reason"], m.Value))
            .ShouldBe([("GET /v2.0/vehicles/{id}", "VEHICLE", 1L)], "the call held back never went to Smartcar");
        var secrets = new[] { car, code, tokens.AccessToken, tokens.RefreshToken, applicationToken, "no-such-user" };
        _calls.GetMeasurementSnapshot().Concat(_heldBack.GetMeasurementSnapshot())
            .SelectMany(m => m.Tags.Values).Select(v => v?.ToString() ?? "")
            .Where(tag => secrets.Any(secret => tag.Contains(secret, StringComparison.Ordinal)))
            .ShouldBeEmpty();
    }

    [Theory]
    [InlineData("POST", "https://api.smartcar.com/v2.0/vehicles/36ab27d0-fd9d-4455-823a-ce30af709ffc/batch", "POST /v2.0/vehicles/{id}/batch")]
    [InlineData("GET", "https://api.smartcar.com/v2.0/vehicles?limit=50&offset=100", "GET /v2.0/vehicles")]
    [InlineData("GET", "https://vehicle.api.smartcar.com/v3/vehicles/abc/signals/odometer-traveleddistance", "GET /v3/vehicles/{id}/signals/odometer-traveleddistance")]
    [InlineData("DELETE", "https://vehicle.api.smartcar.com/v3/users/someone", "DELETE /v3/users/{id}")]
    [InlineData("GET", "https://vehicle.api.smartcar.com/v3/connections?page[number]=2", "GET /v3/connections")]
    [InlineData("POST", "https://iam.smartcar.com/oauth2/token", "POST /oauth2/token")]
    [InlineData("GET", "https://api.smartcar.com/v2.0/future/0SCAUDI037A5ADB1C/x", "GET /v2.0/future/{id}/x")]
    public void An_endpoint_is_named_by_its_route_template(string method, string address, string template) =>
        SmartcarRoutes.Template(new HttpMethod(method), new Uri(address)).ShouldBe(template);

    private (object? Endpoint, object? Status)[] Calls() =>
        [.. _calls.GetMeasurementSnapshot().Select(m => (m.Tags["endpoint"], m.Tags["status"]))];

    public void Dispose()
    {
        _calls.Dispose();
        _heldBack.Dispose();
        _app.Dispose();
        _smartcar.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
