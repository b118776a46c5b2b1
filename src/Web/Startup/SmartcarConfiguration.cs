using SmartcarClean.Application.Options;

namespace SmartcarClean.Web.Startup;

/// <summary>Where the app's Smartcar settings come from: appsettings, user-secrets, or Smartcar's tutorial variables.</summary>
public static class SmartcarConfiguration
{
    /// <summary>
    /// Smartcar's tutorial sets <c>SMARTCAR_CLIENT_ID</c>, <c>SMARTCAR_CLIENT_SECRET</c> and <c>SMARTCAR_REDIRECT_URI</c>;
    /// those that are set win over every other source. Connect in a pop-up needs its own redirect URI registered too,
    /// <c>SMARTCAR_POPUP_REDIRECT_URI</c>. Real credentials keep the embedded emulator off (<see cref="EmbeddedEmulator"/>).
    /// </summary>
    public static void ApplySmartcarEnvironment(this ConfigurationManager configuration)
    {
        var variables = new Dictionary<string, string>
        {
            ["SMARTCAR_CLIENT_ID"] = nameof(SmartcarOptions.ClientId),
            ["SMARTCAR_CLIENT_SECRET"] = nameof(SmartcarOptions.ClientSecret),
            ["SMARTCAR_REDIRECT_URI"] = nameof(SmartcarOptions.RedirectUri),
            ["SMARTCAR_POPUP_REDIRECT_URI"] = nameof(SmartcarOptions.PopupRedirectUri),
        };
        var set = variables
            .Where(variable => !string.IsNullOrEmpty(configuration[variable.Key]))
            .ToDictionary(variable => $"{SmartcarOptions.Section}:{variable.Value}", variable => configuration[variable.Key]);
        if (set.Count > 0)
        {
            configuration.AddInMemoryCollection(set);
        }
    }
}
