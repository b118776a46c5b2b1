namespace SmartcarClean.Application.Common;

/// <summary>How the app reaches Smartcar. Pointing it at the emulator or at real Smartcar is only a matter of these values.</summary>
public sealed class SmartcarOptions
{
    public const string Section = "Smartcar";

    public string ClientId { get; set; } = string.Empty;

    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Must be registered with the Smartcar application exactly as written here.</summary>
    public string RedirectUri { get; set; } = string.Empty;

    public IList<string> Scopes { get; } = [];

    /// <summary><c>live</c>, <c>test</c> or <c>simulated</c>.</summary>
    public string Mode { get; set; } = "live";

    public Uri ConnectBaseUrl { get; set; } = new("https://connect.smartcar.com");

    public Uri AuthBaseUrl { get; set; } = new("https://auth.smartcar.com");

    public Uri ApiBaseUrl { get; set; } = new("https://api.smartcar.com");
}
