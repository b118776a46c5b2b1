using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application.Ports;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Infrastructure;
using SmartcarClean.Emulator.Testing;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>The app's real Smartcar API client, as DI builds it, against the real emulator with queued faults.</summary>
public sealed class SmartcarApiRetryTests : IDisposable
{
    private readonly EmulatorDriver _smartcar = new();
    private readonly ServiceProvider _app;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-retry-").FullName;

    public SmartcarApiRetryTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smartcar:ApiBaseUrl"] = _smartcar.Emulator.BaseUrl,
        }).Build();
        _app = new ServiceCollection().AddLogging().AddInfrastructure(configuration, _dataDirectory).BuildServiceProvider();
    }

    private SmartcarEmulator Emulator => _smartcar.Emulator;

    private ISmartcarApi Api => _app.GetRequiredService<ISmartcarApi>();

    [Fact]
    public async Task A_passing_upstream_error_on_a_read_is_retried_and_the_user_never_sees_it()
    {
        var token = await AccessTokenAsync();
        Emulator.FailNext("GET", "/v2.0/vehicles", Fault.Upstream(), times: 2);

        var ids = (await Api.ListVehicleIdsAsync(token, CancellationToken.None)).Ids;

        ids.ShouldHaveSingleItem();
        Emulator.CountRequests("GET", "/v2.0/vehicles").ShouldBe(3);
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        var token = await AccessTokenAsync();
        Emulator.FailNext("GET", "/v2.0/vehicles", Fault.Server(), times: 5);

        var error = await Should.ThrowAsync<SmartcarApiException>(() => Api.ListVehicleIdsAsync(token, CancellationToken.None));

        error.Type.ShouldBe("SERVER");
        Emulator.CountRequests("GET", "/v2.0/vehicles").ShouldBe(1 + 2);
    }

    [Fact]
    public async Task A_rate_limit_is_not_retried_and_says_when_to_try_again()
    {
        var token = await AccessTokenAsync();
        Emulator.FailNext("GET", "/v2.0/vehicles", Fault.RateLimit("VEHICLE", TimeSpan.FromSeconds(42)));

        var error = await Should.ThrowAsync<SmartcarApiException>(() => Api.ListVehicleIdsAsync(token, CancellationToken.None));

        error.Type.ShouldBe("RATE_LIMIT");
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(42));
        Emulator.CountRequests("GET", "/v2.0/vehicles").ShouldBe(1);
    }

    [Fact]
    public async Task Smartcars_error_fields_are_read_resolution_included()
    {
        var token = await AccessTokenAsync();
        var vehicleId = (await Api.ListVehicleIdsAsync(token, CancellationToken.None)).Ids[0];
        Emulator.FailNext("POST", "/v2.0/vehicles/*/security", Fault.Permission());

        var error = await Should.ThrowAsync<SmartcarApiException>(() => Api.SetLockAsync(token, vehicleId, true, CancellationToken.None));

        (error.StatusCode, error.Type, error.Resolution).ShouldBe((403, "PERMISSION", "REAUTHENTICATE"));
        error.SuggestedUserMessage.ShouldNotBeNullOrEmpty();
        error.RequiresReconnect.ShouldBeFalse("a missing permission is mended by connecting again for it, not by a whole reconnect");
    }

    [Fact]
    public async Task A_command_is_never_sent_twice()
    {
        var token = await AccessTokenAsync();
        var vehicleId = (await Api.ListVehicleIdsAsync(token, CancellationToken.None)).Ids[0];
        Emulator.FailNext("POST", "/v2.0/vehicles/*/security", Fault.Upstream());

        await Should.ThrowAsync<SmartcarApiException>(() => Api.SetLockAsync(token, vehicleId, true, CancellationToken.None));

        Emulator.CountRequests("POST", $"/v2.0/vehicles/{vehicleId}/security").ShouldBe(1);
    }

    private async Task<string> AccessTokenAsync() =>
        (await _smartcar.ConnectWithScopesAsync("read_vehicle_info control_security")).AccessToken;

    public void Dispose()
    {
        _app.Dispose();
        _smartcar.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
