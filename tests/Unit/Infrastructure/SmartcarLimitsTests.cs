using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.Testing;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Smartcar;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>
/// Smartcar's rate limits kept by the app for all its users: the app's real Smartcar clients, as DI builds them for
/// one app instance, against the real emulator with queued 429s. The app shares the emulator's clock, as offline.
/// </summary>
public sealed class SmartcarLimitsTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(42);

    private readonly EmulatorDriver _smartcar = new();
    private readonly ServiceProvider _app;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-limits-").FullName;

    public SmartcarLimitsTests()
    {
        _app = AppInstance(_ => { });
    }

    /// <summary>One app instance's services against the emulator, with <paramref name="settings"/> and <paramref name="more"/> added.</summary>
    private ServiceProvider AppInstance(Action<IServiceCollection> more, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smartcar:ApiBaseUrl"] = _smartcar.Emulator.BaseUrl,
            ["Smartcar:VehicleApiBaseUrl"] = _smartcar.Emulator.BaseUrl,
        }).AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_smartcar.Clock)
            .AddInfrastructure(configuration, _dataDirectory);
        more(services);
        return services.BuildServiceProvider();
    }

    private SmartcarEmulator Emulator => _smartcar.Emulator;

    [Fact]
    public async Task A_vehicle_rate_limit_seen_by_one_request_holds_back_every_users_calls_to_that_car_and_no_other()
    {
        var (owner, car) = await _smartcar.ConnectVehicleAsync("owner@example.com");
        var family = (await _smartcar.ConnectWithScopesAsync(EmulatorDriver.AllScopes, "owner@example.com")).AccessToken;
        var (neighbour, otherCar) = await _smartcar.ConnectVehicleAsync("neighbour@example.com");
        Emulator.FailNext("GET", $"/v2.0/vehicles/{car}", Fault.RateLimit("VEHICLE", Wait));

        var seen = await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(owner, car));
        var heldBack = await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(family, car));
        var command = await Should.ThrowAsync<SmartcarApiException>(() => ApiOfAnotherRequest().SetLockAsync(family, car, true, default));

        (seen.StatusCode, seen.Type, seen.ErrorCode, seen.RetryAfter).ShouldBe((429, "RATE_LIMIT", "VEHICLE", Wait));
        (heldBack.StatusCode, heldBack.Type, heldBack.ErrorCode, heldBack.RetryAfter).ShouldBe((429, "RATE_LIMIT", "VEHICLE", Wait));
        command.ErrorCode.ShouldBe("VEHICLE");
        Emulator.CountRequests("GET", $"/v2.0/vehicles/{car}").ShouldBe(1, "the second user's read never reached Smartcar");
        Emulator.CountRequests("POST", $"/v2.0/vehicles/{car}/security").ShouldBe(0);
        (await ReadAttributesAsync(neighbour, otherCar)).Make.ShouldNotBeNullOrEmpty("another car is not held back");
    }

    [Fact]
    public async Task An_application_rate_limit_holds_back_every_call_to_Smartcars_vehicle_APIs()
    {
        var (owner, car) = await _smartcar.ConnectVehicleAsync("owner@example.com");
        var (neighbour, otherCar) = await _smartcar.ConnectVehicleAsync("neighbour@example.com");
        Emulator.FailNext("GET", $"/v2.0/vehicles/{car}", Fault.RateLimit("SMARTCAR_API", Wait));
        await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(owner, car));
        var requestsSoFar = Emulator.Requests.Count;

        var v2 = await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(neighbour, otherCar));
        var list = await Should.ThrowAsync<SmartcarApiException>(() => ApiOfAnotherRequest().ListVehicleIdsAsync(neighbour, default));
        var v3 = await Should.ThrowAsync<SmartcarApiException>(() =>
            _app.CreateScope().ServiceProvider.GetRequiredService<ISmartcarApiV3>().ListConnectedVehicleIdsAsync("app-token", "user", default));

        foreach (var error in new[] { v2, list, v3 })
        {
            (error.StatusCode, error.Type, error.ErrorCode, error.RetryAfter).ShouldBe((429, "RATE_LIMIT", "SMARTCAR_API", Wait));
        }

        Emulator.Requests.Count.ShouldBe(requestsSoFar, "nothing reached Smartcar while the application was held back");
    }

    [Fact]
    public async Task The_hold_ends_exactly_when_Retry_After_says()
    {
        var (owner, car) = await _smartcar.ConnectVehicleAsync("owner@example.com");
        Emulator.FailNext("GET", $"/v2.0/vehicles/{car}", Fault.RateLimit("VEHICLE", Wait));
        await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(owner, car));

        _smartcar.Clock.Advance(Wait - TimeSpan.FromTicks(1));
        (await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(owner, car))).RetryAfter.ShouldBe(TimeSpan.FromTicks(1));
        _smartcar.Clock.Advance(TimeSpan.FromTicks(1));
        await ReadAttributesAsync(owner, car);

        Emulator.CountRequests("GET", $"/v2.0/vehicles/{car}").ShouldBe(2);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(30 * 24 * 3600, 3600)]
    public async Task A_Retry_After_of_nothing_or_of_days_is_bounded(int askedSeconds, int honouredSeconds)
    {
        var (owner, car) = await _smartcar.ConnectVehicleAsync("owner@example.com");
        Emulator.FailNext("GET", $"/v2.0/vehicles/{car}", Fault.RateLimit("VEHICLE", TimeSpan.FromSeconds(askedSeconds)));

        var error = await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(owner, car));
        (await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(owner, car))).ErrorCode.ShouldBe("VEHICLE");
        _smartcar.Clock.Advance(TimeSpan.FromSeconds(honouredSeconds));
        await ReadAttributesAsync(owner, car);

        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(honouredSeconds), "the user is told the wait the app honours");
    }

    [Fact]
    public async Task The_concurrent_call_cap_holds_across_every_request_of_the_app_instance()
    {
        var (owner, car) = await _smartcar.ConnectVehicleAsync("owner@example.com");
        var (neighbour, otherCar) = await _smartcar.ConnectVehicleAsync("neighbour@example.com");
        var inFlight = new InFlight();
        // The probe is added last, so it sits nearest the network, past every handler of the app.
        using var app = AppInstance(
            services => services.AddHttpClient<ISmartcarApi, SmartcarApiClient>().AddHttpMessageHandler(() => new Probe(inFlight)),
            ("Smartcar:Limits:MaxConcurrentCalls", "2"));
        Emulator.FailNext("GET", "/v2.0/vehicles/*", Fault.Delayed(TimeSpan.FromMilliseconds(300)), times: 8);

        // Four page views of two users at once, each reading its car twice: 8 calls, each in a request of its own.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? (owner, car) : (neighbour, otherCar)).Select(user =>
            Task.Run(() => app.CreateScope().ServiceProvider.GetRequiredService<ISmartcarApi>().GetAttributesAsync(user.Item1, user.Item2, default))));

        inFlight.Most.ShouldBe(2, "no more than MaxConcurrentCalls reach Smartcar at once, whoever asks");
    }

    // Each call resolves its client in a scope of its own, as a separate web request would.
    private ISmartcarApi ApiOfAnotherRequest() => _app.CreateScope().ServiceProvider.GetRequiredService<ISmartcarApi>();

    private Task<VehicleAttributes> ReadAttributesAsync(string token, string vehicleId) =>
        ApiOfAnotherRequest().GetAttributesAsync(token, vehicleId, default);

    public void Dispose()
    {
        _app.Dispose();
        _smartcar.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>The most calls seen in flight at once.</summary>
    private sealed class InFlight
    {
        private int _now;
        private int _most;

        public int Most => Volatile.Read(ref _most);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _now);
            for (var most = Most; now > most && Interlocked.CompareExchange(ref _most, now, most) != most; most = Most)
            {
            }
        }

        public void Leave() => Interlocked.Decrement(ref _now);
    }

    private sealed class Probe(InFlight inFlight) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            inFlight.Enter();
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                inFlight.Leave();
            }
        }
    }
}
