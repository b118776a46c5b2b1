using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>
/// A car past its plan's monthly request allowance: the app's real Smartcar clients, as DI builds them, against a
/// small WireMock.Net server that answers Smartcar's documented <c>430 BILLING:VEHICLE_REQUEST_LIMIT</c>.
/// </summary>
public sealed class SmartcarBillingTests : IDisposable
{
    private const string UsedUpCar = "car-used-up";
    private const string OtherCar = "car-other";
    private const string BillingBody =
        """{"type":"BILLING","code":"VEHICLE_REQUEST_LIMIT","description":"The vehicle has exceeded the number of requests allowed by your plan this month.","docURL":"https://smartcar.com/docs/errors/api-errors/billing-errors#vehicle-request-limit","statusCode":430,"requestId":"5dea93a1-3f79-4246-90c5-89610a20471b","resolution":{"type":"CONTACT_SUPPORT"},"suggestedUserMessage":null}""";

    private readonly WireMockServer _smartcar = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly FakeTimeProvider _clock = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-billing-").FullName;
    private readonly ServiceProvider _app;

    public SmartcarBillingTests()
    {
        _smartcar.Given(Request.Create().WithPath($"/v2.0/vehicles/{UsedUpCar}/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(430).WithHeader("Content-Type", "application/json").WithBody(BillingBody));
        _smartcar.Given(Request.Create().WithPath($"/v2.0/vehicles/{OtherCar}/").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"id":"other","make":"TESLA","model":"Model 3","year":2024}"""));
        _smartcar.Given(Request.Create().WithPath("/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(430).WithHeader("Content-Type", "application/json").WithBody(BillingBody));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smartcar:ApiBaseUrl"] = _smartcar.Url,
            ["Smartcar:AuthBaseUrl"] = _smartcar.Url,
        }).Build();
        _app = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_clock)
            .AddInfrastructure(configuration, _dataDirectory).BuildServiceProvider();
    }

    [Theory]
    [InlineData("2026-01-14T10:00:00Z", 60)] // mid-month: Smartcar is asked again after an hour
    [InlineData("2026-01-31T23:30:00Z", 30)] // the last half hour of a month (UTC): asked again as the next begins
    public async Task A_used_up_allowance_is_called_once_never_retried_and_holds_back_that_car_only(string now, int heldMinutes)
    {
        _clock.SetUtcNow(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        var billed = await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(UsedUpCar));
        var heldBack = await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(UsedUpCar));
        await ReadAttributesAsync(OtherCar);

        (billed.StatusCode, billed.Type, billed.ErrorCode).ShouldBe((430, "BILLING", "VEHICLE_REQUEST_LIMIT"));
        (heldBack.StatusCode, heldBack.Type, heldBack.ErrorCode).ShouldBe((430, "BILLING", "VEHICLE_REQUEST_LIMIT"));
        Calls(UsedUpCar).ShouldBe(1, "a 430 is never retried, and the next call to that car is not sent");

        _clock.Advance(TimeSpan.FromMinutes(heldMinutes) - TimeSpan.FromTicks(1));
        await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(UsedUpCar));
        _clock.Advance(TimeSpan.FromTicks(1));
        await Should.ThrowAsync<SmartcarApiException>(() => ReadAttributesAsync(UsedUpCar));
        Calls(UsedUpCar).ShouldBe(2, "Smartcar is asked again once the hold ends");
    }

    [Fact]
    public async Task A_430_from_the_token_endpoint_is_not_a_refused_token_and_is_never_retried()
    {
        var error = await Should.ThrowAsync<SmartcarApiException>(() =>
            _app.GetRequiredService<ISmartcarAuth>().RefreshAsync("refresh-token", default));

        (error.StatusCode, error.Type, error.ErrorCode).ShouldBe((430, "BILLING", "VEHICLE_REQUEST_LIMIT"));
        _smartcar.LogEntries.Count(e => e.RequestMessage?.Path == "/oauth/token").ShouldBe(1);
    }

    private Task<VehicleAttributes> ReadAttributesAsync(string vehicleId) =>
        _app.CreateScope().ServiceProvider.GetRequiredService<ISmartcarApi>().GetAttributesAsync("access-token", vehicleId, default);

    private int Calls(string vehicleId) =>
        _smartcar.LogEntries.Count(e => e.RequestMessage?.Path == $"/v2.0/vehicles/{vehicleId}/");

    public void Dispose()
    {
        _app.Dispose();
        _smartcar.Stop();
        _smartcar.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
