using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.Testing;
using SmartcarClean.Infrastructure;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>The app's real batch read (<c>POST /vehicles/{id}/batch</c>), as DI builds it, against the real emulator.</summary>
public sealed class SmartcarBatchTests : IDisposable
{
    private readonly EmulatorDriver _smartcar = new();
    private readonly ServiceProvider _app;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-batch-").FullName;

    public SmartcarBatchTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smartcar:ApiBaseUrl"] = _smartcar.Emulator.BaseUrl,
        }).Build();
        _app = new ServiceCollection().AddLogging().AddInfrastructure(configuration, _dataDirectory).BuildServiceProvider();
    }

    private ISmartcarApi Api => _app.GetRequiredService<ISmartcarApi>();

    [Fact]
    public async Task One_call_answers_every_path_with_its_body_recording_time_and_units_or_its_error()
    {
        var (token, id) = await ConnectAsync("read_vehicle_info read_odometer");

        var answers = await Api.ReadBatchAsync(token, id, ["permissions", "odometer", "location"], CancellationToken.None);

        _smartcar.Emulator.CountRequests("POST", $"/v2.0/vehicles/{id}/batch").ShouldBe(1);
        _smartcar.Emulator.Requests.Count(r => r.Path.StartsWith("/v2.0/", StringComparison.Ordinal)).ShouldBe(2, "the vehicle list, then the batch");
        var odometer = answers["odometer"].ShouldBeOfType<BatchAnswer.Read>();
        JsonDocument.Parse(odometer.Json).RootElement.GetProperty("distance").GetDouble().ShouldBeGreaterThan(0);
        odometer.DataAge.ShouldNotBeNull().ShouldBe(_smartcar.Emulator.World.Time.GetUtcNow(), TimeSpan.FromSeconds(1));
        odometer.UnitSystem.ShouldBe("metric");
        JsonDocument.Parse(answers["permissions"].ShouldBeOfType<BatchAnswer.Read>().Json).RootElement
            .GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ShouldContain("read_odometer");
        answers["location"].ShouldBeOfType<BatchAnswer.Failed>().Error.IsPermission.ShouldBeTrue();
    }

    [Fact]
    public async Task A_path_failing_in_passing_is_asked_again_on_its_own_and_a_rate_limit_is_not()
    {
        var (token, id) = await ConnectAsync("read_vehicle_info read_odometer read_vin");
        _smartcar.Emulator.FailNext("GET", "/v2.0/vehicles/*/odometer", Fault.Upstream(), times: 2);
        _smartcar.Emulator.FailNext("GET", "/v2.0/vehicles/*/vin", Fault.RateLimit("VEHICLE", TimeSpan.FromSeconds(42)));

        var answers = await Api.ReadBatchAsync(token, id, ["odometer", "vin"], CancellationToken.None);

        answers["odometer"].ShouldBeOfType<BatchAnswer.Read>();
        var limited = answers["vin"].ShouldBeOfType<BatchAnswer.Failed>().Error;
        (limited.StatusCode, limited.Type, limited.ErrorCode, limited.RetryAfter).ShouldBe((429, "RATE_LIMIT", "VEHICLE", TimeSpan.FromSeconds(42)));
        _smartcar.Emulator.Requests.Where(r => r.Path.EndsWith("/batch", StringComparison.Ordinal)).Select(r => r.Body)
            .ShouldBe(["""{"requests":[{"path":"/odometer"},{"path":"/vin"}]}""", """{"requests":[{"path":"/odometer"}]}""", """{"requests":[{"path":"/odometer"}]}"""]);
    }

    [Fact]
    public async Task A_path_that_keeps_failing_is_given_up_after_the_retries_with_smartcars_error()
    {
        var (token, id) = await ConnectAsync("read_vehicle_info read_odometer");
        _smartcar.Emulator.FailNext("GET", "/v2.0/vehicles/*/odometer", Fault.Server(), times: 5);

        var answers = await Api.ReadBatchAsync(token, id, ["odometer"], CancellationToken.None);

        answers["odometer"].ShouldBeOfType<BatchAnswer.Failed>().Error.Type.ShouldBe("SERVER");
        _smartcar.Emulator.CountRequests("POST", $"/v2.0/vehicles/{id}/batch").ShouldBe(3);
    }

    private async Task<(string Token, string VehicleId)> ConnectAsync(string scopes)
    {
        var token = (await _smartcar.ConnectWithScopesAsync(scopes)).AccessToken;
        return (token, (await Api.ListVehicleIdsAsync(token, CancellationToken.None)).Ids[0]);
    }

    public void Dispose()
    {
        _app.Dispose();
        _smartcar.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
