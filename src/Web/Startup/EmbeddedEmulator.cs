using SmartcarClean.Application.Options;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Applications;
using SmartcarClean.Emulator.Hosting;

namespace SmartcarClean.Web.Startup;

/// <summary>
/// Offline development: the app starts the Smartcar emulator in-process, registers the demo client of the
/// <c>Emulator</c> section there (its id, secret and the app's redirect URIs: the page's and, when set, the pop-up's),
/// and supplies that client to the app with Connect, auth and API base URLs (v2.0 and v3) and the JavaScript SDK's
/// redirect page all pointing at the emulator.
/// <para>
/// Real Smartcar settings (<c>Smartcar:ClientId</c> or <c>Smartcar:ClientSecret</c> from any source: SMARTCAR_* or
/// Smartcar__* variables, appsettings, user-secrets) always mean real Smartcar, and the emulator stays off. Without
/// them it runs in Development, or anywhere with <c>Emulator:Enabled=true</c>; elsewhere the app cannot work at all.
/// </para>
/// </summary>
public static class EmbeddedEmulator
{
    private const string Section = "Emulator";

    /// <summary>The app's own settings in the emulator's section: whether it runs, and the demo client.</summary>
    private static readonly string[] AppOwnSettings = ["Enabled", "ClientId", "ClientSecret", "PopupRedirectUri"];

    public static void StartEmbeddedEmulatorWhenOffline(this WebApplicationBuilder builder)
    {
        if (!ShouldRun(builder.Configuration, builder.Environment))
        {
            return;
        }

        var demo = builder.Configuration.GetSection(Section);
        var redirectUri = Setting(nameof(SmartcarOptions.RedirectUri));
        var missing = new[] { $"{Section}:ClientId", $"{Section}:ClientSecret", redirectUri }
            .Where(setting => string.IsNullOrEmpty(builder.Configuration[setting])).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidSettingsException(
                $"the embedded emulator needs its demo client and the app's redirect URI: set {string.Join(", ", missing)} " +
                "(appsettings.Development.json has them).");
        }

        var redirectUris = new[] { builder.Configuration[redirectUri], demo["PopupRedirectUri"] }
            .OfType<string>().Where(uri => uri.Length > 0).ToList();
        var application = new RegisteredApplication(demo["ClientId"] ?? string.Empty, demo["ClientSecret"] ?? string.Empty, redirectUris);
        // Every emulator setting (Port, EnableWireMockAdmin, the token lifetimes) binds as in the standalone emulator.
        if (!EmulatorSettings.TryBind(demo, AppOwnSettings, out var options, out var problem))
        {
            throw new InvalidSettingsException(problem);
        }

        options.Applications.Add(application);

        var emulator = Start(options);
        builder.Services.AddSingleton(emulator); // disposed, and so stopped, with the app
        // Offline, the emulator's clock is the world's clock: advancing it (its admin page or API) moves the app's
        // time too, so a developer can watch a token expire and be renewed without waiting two hours. Sign-in keeps to
        // the wall clock (WallClockSignIn).
        builder.Services.AddSingleton<TimeProvider>(emulator.Clock);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Setting(nameof(SmartcarOptions.ClientId))] = application.ClientId,
            [Setting(nameof(SmartcarOptions.ClientSecret))] = application.ClientSecret,
            [Setting(nameof(SmartcarOptions.PopupRedirectUri))] = demo["PopupRedirectUri"] ?? string.Empty,
            [Setting(nameof(SmartcarOptions.ConnectBaseUrl))] = emulator.BaseUrl,
            [Setting(nameof(SmartcarOptions.AuthBaseUrl))] = emulator.BaseUrl,
            [Setting(nameof(SmartcarOptions.ApiBaseUrl))] = emulator.BaseUrl,
            [Setting(nameof(SmartcarOptions.ApplicationAuthBaseUrl))] = emulator.BaseUrl,
            [Setting(nameof(SmartcarOptions.VehicleApiBaseUrl))] = emulator.BaseUrl,
            [Setting(nameof(SmartcarOptions.JavaScriptSdkBaseUrl))] = emulator.BaseUrl,
        });
    }

    // The refusal names the emulator's reason (a port in use) without the rest of the app knowing its exception.
    private static SmartcarEmulator Start(EmulatorOptions options)
    {
        try
        {
            return SmartcarEmulator.Start(options);
        }
        catch (EmulatorStartException e)
        {
            throw new InvalidSettingsException($"its embedded Smartcar emulator did not start. {e.Message}");
        }
    }

    private static bool ShouldRun(ConfigurationManager configuration, IHostEnvironment environment)
    {
        var enabled = configuration.GetValue<bool?>($"{Section}:Enabled");
        var realSmartcar = new[] { nameof(SmartcarOptions.ClientId), nameof(SmartcarOptions.ClientSecret) }
            .Select(Setting).Where(setting => !string.IsNullOrEmpty(configuration[setting])).ToList();
        if (realSmartcar.Count > 0)
        {
            // The emulator would get the real client's requests, secret included, and keep them in its request log.
            return enabled == true
                ? throw new InvalidSettingsException(
                    $"{Section}:Enabled=true and real Smartcar settings ({string.Join(", ", realSmartcar)}) are both set; " +
                    $"remove {Section}:Enabled to use Smartcar, or the Smartcar settings to use the emulator.")
                : false;
        }

        return enabled ?? environment.IsDevelopment()
            ? true
            : throw new InvalidSettingsException(
                $"{Setting(nameof(SmartcarOptions.ClientId))} and {Setting(nameof(SmartcarOptions.ClientSecret))} are not set " +
                "(SMARTCAR_CLIENT_ID and SMARTCAR_CLIENT_SECRET, Smartcar__ClientId and Smartcar__ClientSecret, or user-secrets); " +
                $"without them the embedded emulator runs only in Development or with {Section}:Enabled=true.");
    }

    private static string Setting(string property) => $"{SmartcarOptions.Section}:{property}";
}
