using System.Net;
using SmartcarClean.Emulator.ApiV2;
using SmartcarClean.Emulator.ApiV3;
using SmartcarClean.Emulator.Connect;
using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.OAuth;
using SmartcarClean.Emulator.Plans;
using SmartcarClean.Emulator.Steering;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.World;
using WireMock.Exceptions;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace SmartcarClean.Emulator;

/// <summary>
/// An offline Smartcar (Connect, auth and the v2.0 API on one origin) running on WireMock.Net.
/// Start one per test on a dynamic port, or run the project for a standalone server.
/// </summary>
public sealed partial class SmartcarEmulator : IDisposable
{
    private const string AdminPathPrefix = "/__admin";

    private readonly WireMockServer _server;

    private SmartcarEmulator(WireMockServer server, SmartcarWorld world, AdjustableClock clock, string baseUrl, FaultQueue faults)
    {
        _server = server;
        Clock = clock;
        _faults = faults;
        World = world;
        BaseUrl = baseUrl;
    }

    /// <summary>"http://127.0.0.1:PORT": Connect, auth and API all live on this one origin.</summary>
    public string BaseUrl { get; }

    public SmartcarWorld World { get; }

    /// <summary>
    /// Every request received (the /__admin and /_emulator APIs and delay replays excluded), oldest first, with secrets
    /// masked (<see cref="RequestLogMask"/>): this is the log the admin page, <c>GET /_emulator/requests</c> and test
    /// reports show.
    /// </summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. RequestsWithSecrets.Select(RequestLogMask.Apply)];

    /// <summary>The same requests exactly as sent, secrets included: for in-process assertions only, never to be written out.</summary>
    public IReadOnlyList<RecordedRequest> RequestsWithSecrets =>
        [.. _server.LogEntries
            .Where(e => e.RequestMessage is not null
                && !e.RequestMessage.Path.StartsWith(AdminPathPrefix, StringComparison.Ordinal)
                && !IsSteering(e.RequestMessage))
            .OrderBy(e => e.RequestMessage!.DateTime)
            .Select(Record)];

    /// <summary>Every access and refresh token ever issued, so tests can assert none of them leaks.</summary>
    public IReadOnlyList<string> IssuedTokens => World.IssuedTokens;

    private static WireMockServer StartServer(WireMockServerSettings settings, int port)
    {
        try
        {
            return WireMockServer.Start(settings);
        }
        catch (WireMockException e) when (e.ToString().Contains("AddressInUseException", StringComparison.Ordinal))
        {
            throw new EmulatorStartException(
                $"Port {port} on 127.0.0.1 is already in use (is another emulator, or the app with its embedded emulator, running?). Choose another port.",
                e);
        }
    }

    public static SmartcarEmulator Start(EmulatorOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The world reads time only through this clock, so AdvanceClock works on any TimeProvider.
        var clock = new AdjustableClock(time ?? TimeProvider.System);
        var world = new SmartcarWorld(options.Applications, clock)
        {
            Lifetimes = TokenLifetimes.From(options),
        };
        world.Plans.Configure(Plan.From(options));
        var server = StartServer(new WireMockServerSettings
        {
            // Loopback only: the emulator must never be reachable from the network. Port 0 makes Kestrel
            // pick a free port on 127.0.0.1 (a fixed port is bound on both loopbacks, 127.0.0.1 and ::1).
            Urls = [$"http://127.0.0.1:{options.Port}"],
            // WireMock's /__admin lets anyone on the machine add mappings (even BodyAsFile ones that serve local files)
            // and read the raw request log: off unless asked for, for debugging.
            StartAdminInterface = options.EnableWireMockAdmin,
            ReadStaticMappings = false,
            PreWireMockMiddlewareInit = DroppedConnections.Install,
        }, options.Port);

        var baseUrl = $"http://127.0.0.1:{server.Ports[0]}";
        var faults = new FaultQueue(server, baseUrl);
        new ConnectPages(world, baseUrl).Register(server);
        JavaScriptSdkRedirectPage.Register(server);
        new TokenEndpoint(world).Register(server);
        new VehicleApi(world, faults).Register(server);
        new ApplicationTokenEndpoint(world).Register(server);
        new VehicleApiV3(world, faults).Register(server);
        server.Given(Request.Create().WithPath(new RegexMatcher(".*")).UsingAnyMethod())
            .AtPriority(MappingPriority.NoRoute)
            .RespondWith(Response.Create().WithCallback(request =>
                HttpReplies.Json(404, new { error = "not_found", error_description = $"No route for {request.Method} {request.Path}." })));

        var emulator = new SmartcarEmulator(server, world, clock, baseUrl, faults);
        new SteeringApi(emulator).Register(server);
        return emulator;
    }

    public int CountRequests(string method, string pathPrefix) =>
        Requests.Count(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)
            && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal));

    /// <summary>Forgets users, sessions, codes, tokens, queued faults, the clock offset and the request log; keeps registered applications.</summary>
    public void Reset()
    {
        World.Reset();
        _faults.Clear();
        Clock.ResetOffset();
        _server.ResetLogEntries();
    }

    public void Dispose()
    {
        _server.Stop();
        _faults.Dispose();
    }

    private static RecordedRequest Record(ILogEntry entry)
    {
        var request = entry.RequestMessage!;
        var headers = (request.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(
            request.Method,
            request.Path,
            request.RawQuery ?? "",
            headers,
            request.Body,
            StatusOf(entry.ResponseMessage?.StatusCode));
    }

    private static int StatusOf(object? status) => status switch
    {
        int code => code,
        HttpStatusCode code => (int)code,
        string text when int.TryParse(text, out var code) => code,
        _ => 0,
    };
}
