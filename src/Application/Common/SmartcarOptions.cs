namespace SmartcarClean.Application.Common;

/// <summary>How the app reaches Smartcar. Pointing it at the emulator or at real Smartcar is only a matter of these values.</summary>
public sealed class SmartcarOptions
{
    public const string Section = "Smartcar";

    public string ClientId { get; set; } = string.Empty;

    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Must be registered with the Smartcar application exactly as written here.</summary>
    public string RedirectUri { get; set; } = string.Empty;

    /// <summary>
    /// For Connect in a pop-up, the JavaScript SDK's redirect page,
    /// <c>https://javascript-sdk.smartcar.com/v2/redirect?app_origin=ORIGIN</c> with this app's origin; registered with
    /// the Smartcar application like <see cref="RedirectUri"/>. Empty: Connect opens in the page only.
    /// </summary>
    public string PopupRedirectUri { get; set; } = string.Empty;

    /// <summary>Whether the home page offers Connect in a pop-up first; the user can still choose the page.</summary>
    public bool ConnectInPopup { get; set; }

    public IList<string> Scopes { get; } = [];

    /// <summary><c>live</c>, <c>test</c> or <c>simulated</c>.</summary>
    public string Mode { get; set; } = "live";

    public Uri ConnectBaseUrl { get; set; } = new("https://connect.smartcar.com");

    public Uri AuthBaseUrl { get; set; } = new("https://auth.smartcar.com");

    public Uri ApiBaseUrl { get; set; } = new("https://api.smartcar.com");

    /// <summary>
    /// Where the JavaScript SDK's redirect page is really served: Smartcar's, or the emulator offline, which stands in
    /// for it as it does for Connect. The pop-up's message is accepted from this origin only.
    /// </summary>
    public Uri JavaScriptSdkBaseUrl { get; set; } = new("https://javascript-sdk.smartcar.com");
}
