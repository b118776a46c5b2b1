using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Infrastructure;
using SmartcarClean.Web.Wording;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>
/// The app's real Smartcar clients, as DI builds them, when Smartcar cannot be reached (a closed port) or drops the
/// connection: every call ends in an API error with a sentence for the user, never a bare HttpRequestException.
/// </summary>
public sealed class UnreachableSmartcarTests : IDisposable
{
    private const string Unreachable = "Smartcar could not be reached. Please try again in a few minutes.";

    // Nothing listens on port 1 of the loopback address: every connection is refused at once.
    private const string ClosedPort = "http://127.0.0.1:1";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-unreachable-").FullName;
    private readonly CancellationTokenSource _patience = new(TimeSpan.FromSeconds(30));
    private ServiceProvider? _app;
    private WireMockServer? _smartcar;

    public static TheoryData<string> Calls => ["list", "attributes", "batch", "lock", "disconnect", "v3 list", "v3 vehicle", "v3 delete user"];

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_closed_port_is_an_api_error_that_says_Smartcar_could_not_be_reached(string call)
    {
        var error = await Should.ThrowAsync<SmartcarApiException>(() => CallAsync(App(ClosedPort), call));

        error.Description.ShouldBe(Unreachable);
        SmartcarErrorMessages.For(error).ShouldBe(Unreachable);
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_dropped_connection_is_an_api_error_that_says_Smartcar_could_not_be_reached(string call)
    {
        using var hangsUp = new TcpListener(IPAddress.Loopback, 0);
        hangsUp.Start();
        _ = HangUpOnEveryoneAsync(hangsUp);

        var error = await Should.ThrowAsync<SmartcarApiException>(
            () => CallAsync(App($"http://127.0.0.1:{((IPEndPoint)hangsUp.LocalEndpoint).Port}"), call));

        error.Description.ShouldBe(Unreachable);
    }

    [Fact]
    public async Task A_request_the_caller_cancels_stays_a_cancellation()
    {
        _smartcar = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        _smartcar.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(10)).WithBody("{}"));
        using var aborted = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(
            () => App(_smartcar.Url!).GetRequiredService<ISmartcarApi>().ListVehicleIdsAsync("token", aborted.Token));
    }

    // Accepts each connection and closes it without a word, as a crashing server or a cut network does.
    private async Task HangUpOnEveryoneAsync(TcpListener listener)
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(_patience.Token);
                client.Client.Close();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private Task CallAsync(ServiceProvider app, string call)
    {
        var api = app.GetRequiredService<ISmartcarApi>();
        var v3 = app.GetRequiredService<ISmartcarApiV3>();
        var patience = _patience.Token;
        return call switch
        {
            "list" => api.ListVehicleIdsAsync("token", patience),
            "attributes" => api.GetAttributesAsync("token", "v-1", patience),
            "batch" => api.ReadBatchAsync("token", "v-1", ["permissions", VehicleEndpoints.Odometer.Path], patience),
            "lock" => api.SetLockAsync("token", "v-1", locked: true, patience),
            "disconnect" => api.DisconnectAsync("token", "v-1", patience),
            "v3 list" => v3.ListConnectedVehicleIdsAsync("app-token", "user-1", patience),
            "v3 vehicle" => v3.GetVehicleAsync("app-token", "user-1", "v-1", patience),
            _ => v3.DeleteUserAsync("app-token", "user-1", patience),
        };
    }

    private ServiceProvider App(string smartcarUrl)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smartcar:ApiBaseUrl"] = smartcarUrl,
            ["Smartcar:VehicleApiBaseUrl"] = smartcarUrl,
        }).Build();
        return _app = new ServiceCollection().AddLogging().AddInfrastructure(configuration, _dataDirectory).BuildServiceProvider();
    }

    public void Dispose()
    {
        _patience.Dispose();
        _app?.Dispose();
        _smartcar?.Stop();
        _smartcar?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
