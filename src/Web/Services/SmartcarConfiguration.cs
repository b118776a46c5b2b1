using SmartcarClean.Application.Common;

namespace SmartcarClean.Web.Services;

/// <summary>Where the app's Smartcar settings come from: appsettings, or Smartcar's tutorial environment variables.</summary>
public static class SmartcarConfiguration
{
    /// <summary>
    /// Smartcar's tutorial sets <c>SMARTCAR_CLIENT_ID</c>, <c>SMARTCAR_CLIENT_SECRET</c> and <c>SMARTCAR_REDIRECT_URI</c>.
    /// When they are present they win, and the embedded emulator stays off: the app talks to real Smartcar. Connect in a
    /// pop-up then needs its own redirect URI registered too, so it is on only with <c>SMARTCAR_POPUP_REDIRECT_URI</c>.
    /// </summary>
    public static void ApplySmartcarEnvironment(this ConfigurationManager configuration)
    {
        var clientId = configuration["SMARTCAR_CLIENT_ID"];
        if (string.IsNullOrEmpty(clientId))
        {
            return;
        }

        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{SmartcarOptions.Section}:{nameof(SmartcarOptions.ClientId)}"] = clientId,
            [$"{SmartcarOptions.Section}:{nameof(SmartcarOptions.ClientSecret)}"] = configuration["SMARTCAR_CLIENT_SECRET"],
            [$"{SmartcarOptions.Section}:{nameof(SmartcarOptions.RedirectUri)}"] = configuration["SMARTCAR_REDIRECT_URI"],
            [$"{SmartcarOptions.Section}:{nameof(SmartcarOptions.PopupRedirectUri)}"] = configuration["SMARTCAR_POPUP_REDIRECT_URI"] ?? "",
            ["Emulator:Enabled"] = "false",
        });
    }
}
