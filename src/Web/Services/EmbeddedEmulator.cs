using SmartcarClean.Application.Common;
using SmartcarClean.Emulator;

namespace SmartcarClean.Web.Services;

/// <summary>
/// Offline development: when <c>Emulator:Enabled</c> is true (the default in appsettings.json), the app starts the
/// Smartcar emulator in-process, registers itself there with its own client id, secret and redirect URIs (the page's
/// and, when set, the pop-up's), and points its Connect, auth and API base URLs (v2.0 and v3) at it, and the
/// JavaScript SDK's redirect page too (the emulator serves it). With real Smartcar credentials configured it stays off.
/// </summary>
public static class EmbeddedEmulator
{
    public static void StartEmbeddedEmulatorIfEnabled(this WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue("Emulator:Enabled", defaultValue: false))
        {
            return;
        }

        var smartcar = builder.Configuration.GetSection(SmartcarOptions.Section);
        var redirectUris = new List<string> { smartcar[nameof(SmartcarOptions.RedirectUri)] ?? string.Empty };
        if (smartcar[nameof(SmartcarOptions.PopupRedirectUri)] is { Length: > 0 } popupRedirectUri)
        {
            redirectUris.Add(popupRedirectUri);
        }

        var application = new RegisteredApplication(
            smartcar[nameof(SmartcarOptions.ClientId)] ?? string.Empty,
            smartcar[nameof(SmartcarOptions.ClientSecret)] ?? string.Empty,
            redirectUris);
        var options = new EmulatorOptions
        {
            Port = builder.Configuration.GetValue("Emulator:Port", 0),
            EnableWireMockAdmin = builder.Configuration.GetValue("Emulator:EnableWireMockAdmin", defaultValue: false),
        };
        options.Applications.Add(application);

        var emulator = SmartcarEmulator.Start(options);
        builder.Services.AddSingleton(emulator); // disposed, and so stopped, with the app
        // Offline, the emulator's clock is the world's clock: advancing it (its admin page or API) moves the app's
        // time too, so a developer can watch a token expire and be renewed without waiting two hours. Sign-in keeps to
        // the wall clock (WallClockSignIn).
        builder.Services.AddSingleton<TimeProvider>(emulator.Clock);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{SmartcarOptions.Section}:{nameof(SmartcarOptions.ConnectBaseUrl)}"] = emulator.BaseUrl,
            [$"{SmartcarOptions.Section}:{nameof(SmartcarOptions.AuthBaseUrl)}"] = emulator.BaseUrl,
            [$"{SmartcarOptions.Section}:{nameof(SmartcarOptions.ApiBaseUrl)}"] = emulator.BaseUrl,
            [$"{SmartcarOptions.Section}:{nameof(SmartcarOptions.ApplicationAuthBaseUrl)}"] = emulator.BaseUrl,
            [$"{SmartcarOptions.Section}:{nameof(SmartcarOptions.VehicleApiBaseUrl)}"] = emulator.BaseUrl,
            [$"{SmartcarOptions.Section}:{nameof(SmartcarOptions.JavaScriptSdkBaseUrl)}"] = emulator.BaseUrl,
        });
    }
}
