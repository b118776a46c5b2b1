using System.Diagnostics;
using System.Text.Json;
using SmartcarClean.Emulator.Testing;

namespace SmartcarClean.Emulator.Tests.NodeSdk;

/// <summary>
/// One run of Smartcar's Node SDK against one emulator, shared by <see cref="NodeSdkCompatibilityTests"/>:
/// the SDK builds the Connect URLs, the driver walks those very URLs through Connect over HTTP, and the
/// SDK exchanges the codes and calls every method (sdk-session.mjs). The tests assert on what it printed.
/// </summary>
public sealed class NodeSdkSession : IAsyncLifetime, IDisposable
{
    /// <summary>Characters that querystring escapes and a lax parser would mangle: the round trip must be byte-exact.</summary>
    public const string State = "sdk state/ü+&=%20 ~*'!()#x";
    public const string NarrowState = "narrow-7";
    public const string Email = "3-vehicles@smartcar.com";
    public const string NarrowEmail = "narrow@example.com";

    public EmulatorDriver Driver { get; } = new();

    public JsonElement Urls { get; private set; }

    public JsonElement Result { get; private set; }

    /// <summary>Where Connect sent the browser back for authUrl.</summary>
    public Uri Redirect { get; private set; } = null!;

    public Uri NarrowRedirect { get; private set; } = null!;

    /// <summary>Where Connect sent the browser back for defaultRedirectAuthUrl (an AuthClient without redirectUri).</summary>
    public Uri DefaultRedirect { get; private set; } = null!;

    public string AppToken { get; private set; } = "";

    /// <summary>Real time around the session run, to check the SDK's computed expirations.</summary>
    public DateTimeOffset SessionStarted { get; private set; }

    public DateTimeOffset SessionEnded { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public async Task InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        await NodeSdkRunner.EnsureInstalledAsync();

        Urls = await NodeSdkRunner.RunScriptAsync("url", Environment());
        Redirect = await Driver.ConnectAsync(Email, authorizeUrl: Urls.GetProperty("authUrl").GetString());
        NarrowRedirect = await Driver.ConnectAsync(NarrowEmail, brand: "FORD", authorizeUrl: Urls.GetProperty("narrowAuthUrl").GetString());
        DefaultRedirect = await Driver.ConnectAsync("default-redirect@example.com", authorizeUrl: Urls.GetProperty("defaultRedirectAuthUrl").GetString());
        AppToken = await Driver.ApplicationTokenAsync();

        var environment = Environment();
        environment["SDK_CODE"] = CodeOf(Redirect);
        environment["SDK_NARROW_CODE"] = CodeOf(NarrowRedirect);
        environment["SDK_DEFAULT_REDIRECT_CODE"] = CodeOf(DefaultRedirect);
        environment["SDK_APP_TOKEN"] = AppToken;
        SessionStarted = DateTimeOffset.UtcNow;
        Result = await NodeSdkRunner.RunScriptAsync("session", environment);
        SessionEnded = DateTimeOffset.UtcNow;
        Elapsed = stopwatch.Elapsed;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Driver.Dispose();

    /// <summary>The emulator's requests as the SDK sent them (Connect pages and steering excluded).</summary>
    public IReadOnlyList<RecordedRequest> SdkRequests =>
        [.. Driver.Emulator.Requests.Where(r => r.Headers.Any(h =>
            h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) && h.Value.StartsWith("Smartcar/", StringComparison.Ordinal)))];

    private Dictionary<string, string> Environment() => new()
    {
        ["SMARTCAR_API_ORIGIN"] = Driver.Emulator.BaseUrl,
        ["SMARTCAR_AUTH_ORIGIN"] = Driver.Emulator.BaseUrl,
        ["SMARTCAR_API_V3_ORIGIN"] = Driver.Emulator.BaseUrl,
        ["SDK_CLIENT_ID"] = EmulatorDriver.ClientId,
        ["SDK_CLIENT_SECRET"] = EmulatorDriver.ClientSecret,
        ["SDK_REDIRECT_URI"] = EmulatorDriver.RedirectUri,
        ["SDK_STATE"] = State,
        ["SDK_NARROW_STATE"] = NarrowState,
    };

    private static string CodeOf(Uri redirect)
    {
        var query = EmulatorDriver.QueryOf(redirect);
        query.ShouldContainKey("code", $"Connect did not return a code: {redirect}");
        return query["code"];
    }
}
