using Microsoft.Data.Sqlite;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;
using SmartcarClean.Application.Vehicles.GetVehicleDetails;
using SmartcarClean.Application.Vehicles.RefreshVehicleReadings;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// Many views of one car at the same moment, against the real emulator over HTTP and the real SQLite file: Smartcar bills
/// every call, so a car whose readings are missing or stale is asked once for all of them, in either flow, and every
/// view shows what that one call stored.
/// </summary>
public sealed class ConcurrentVehicleViewsTests : IDisposable
{
    private const int Views = 20;

    private readonly string _ownDatabaseDirectory = Directory.CreateTempSubdirectory("smartcarclean-notkept-").FullName;

    private static readonly Dictionary<string, string?> Scopes =
        "read_vehicle_info read_vin read_odometer read_location read_fuel read_battery read_charge read_security control_security"
            .Split(' ').Select((scope, i) => (Key: $"Smartcar:Scopes:{i}", Value: (string?)scope)).ToDictionary(s => s.Key, s => s.Value);

    [Theory]
    [InlineData(ConnectFlow.Classic, "POST", "batch")]
    [InlineData(ConnectFlow.ServerSide, "GET", "signals")]
    public async Task Concurrent_cold_views_of_one_car_make_one_readings_call_and_all_show_its_readings(ConnectFlow flow, string method, string readings)
    {
        using var host = new EmulatorHandlerHost(flow, Scopes);
        var car = await ConnectAsync(host);

        host.StartCounting();
        var views = await Task.WhenAll(Enumerable.Range(0, Views).Select(_ => Task.Run(() => DetailsAsync(host, car))));

        ReadingCalls(host).ShouldBe([$"{method} /{(flow == ConnectFlow.Classic ? "v2.0" : "v3")}/vehicles/{car}/{readings}"]);
        views.ShouldAllBe(v => v.Odometer is DataItem<Odometer>.Read && v.NotFresher == null);
        views.Select(v => v.Odometer).Distinct().Count().ShouldBe(1, "every view shows what the one call stored");
    }

    [Fact]
    public async Task Concurrent_views_after_the_access_token_and_the_readings_expired_make_one_token_call_and_one_batch()
    {
        using var host = new EmulatorHandlerHost(ConnectFlow.Classic, Scopes);
        var car = await ConnectAsync(host);
        await DetailsAsync(host, car);
        host.Smartcar.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));

        host.StartCounting();
        var views = await Task.WhenAll(Enumerable.Range(0, Views).Select(_ => Task.Run(() => DetailsAsync(host, car))));

        host.SmartcarCalls.Select(r => $"{r.Method} {r.Path}").ShouldBe(["POST /oauth/token", $"POST /v2.0/vehicles/{car}/batch"]);
        views.ShouldAllBe(v => v.Odometer is DataItem<Odometer>.Read && v.AsOf == host.Smartcar.Clock.GetUtcNow());
    }

    [Theory]
    [InlineData(ConnectFlow.Classic)]
    [InlineData(ConnectFlow.ServerSide)]
    public async Task Refresh_now_pressed_in_many_browsers_at_once_makes_one_readings_call(ConnectFlow flow)
    {
        using var host = new EmulatorHandlerHost(flow, Scopes);
        var car = await ConnectAsync(host);
        await DetailsAsync(host, car);
        host.Smartcar.Clock.Advance(TimeSpan.FromMinutes(1));

        host.StartCounting();
        // Each browser posts Refresh now, then follows the redirect to the car's page.
        var views = await Task.WhenAll(Enumerable.Range(0, Views).Select(_ => Task.Run(async () =>
        {
            await host.SendAsync(new RefreshVehicleReadings(car));
            return await DetailsAsync(host, car);
        })));

        ReadingCalls(host).Count.ShouldBe(1);
        views.ShouldAllBe(v => v.Odometer is DataItem<Odometer>.Read);
    }

    [Fact]
    public async Task Readings_that_cannot_be_kept_are_still_shown_and_the_page_says_so()
    {
        var database = Path.Combine(_ownDatabaseDirectory, "app.db");
        // A short command timeout, so that a write waiting for the lock held below gives up in a second.
        var settings = new Dictionary<string, string?>(Scopes) { ["ConnectionStrings:Default"] = $"Data Source={database};Default Timeout=1" };
        using var host = new EmulatorHandlerHost(ConnectFlow.Classic, settings);
        var car = await ConnectAsync(host);

        // Another writer holds the database's write lock for longer than the command timeout.
        await using var other = new SqliteConnection($"Data Source={database};Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
        }

        host.StartCounting();
        var view = await DetailsAsync(host, car);

        ReadingCalls(host).Count.ShouldBe(1);
        view.Odometer.ShouldBeOfType<DataItem<Odometer>.Read>();
        view.NotKept.ShouldBeTrue();
        ReadingWords.NotKept.ShouldNotBeNullOrWhiteSpace();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_ownDatabaseDirectory, recursive: true);
    }

    private static async Task<string> ConnectAsync(EmulatorHandlerHost host)
    {
        (await host.ConnectAsync("1-vehicles@smartcar.com")).Succeeded.ShouldBeTrue();
        var overview = await host.SendAsync(new GetVehicleAttributes());
        return overview.Connections.SelectMany(c => c.Vehicles).Single().Id;
    }

    private static async Task<VehicleDetails> DetailsAsync(EmulatorHandlerHost host, string car) =>
        (await host.SendAsync(new GetVehicleDetails(car))).ShouldBeOfType<VehicleDetailsOutcome.Found>().Details;

    // The calls for readings since StartCounting (a batch or a signals read), without the query.
    private static List<string> ReadingCalls(EmulatorHandlerHost host) =>
        [.. host.SmartcarCalls.Where(r => r.Path.EndsWith("/batch", StringComparison.Ordinal) || r.Path.EndsWith("/signals", StringComparison.Ordinal))
            .Select(r => $"{r.Method} {r.Path}")];
}
