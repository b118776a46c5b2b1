namespace SmartcarClean.Application.Options;

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

    /// <summary>
    /// The modes a user may choose for one Connect (<c>?mode=</c>); empty: only <see cref="Mode"/>. A user who could pick
    /// <c>simulated</c> on a live app would connect simulated cars to a real account.
    /// </summary>
    public IList<string> AllowedModes { get; } = [];

    /// <summary>The modes a user may choose: <see cref="AllowedModes"/>, or only <see cref="Mode"/> when none are listed.</summary>
    public IReadOnlyList<string> ModesToChooseFrom() => AllowedModes.Count > 0 ? [.. AllowedModes] : [Mode];

    public Uri ConnectBaseUrl { get; set; } = new("https://connect.smartcar.com");

    public Uri AuthBaseUrl { get; set; } = new("https://auth.smartcar.com");

    public Uri ApiBaseUrl { get; set; } = new("https://api.smartcar.com");

    /// <summary>
    /// Where the JavaScript SDK's redirect page is really served: Smartcar's, or the emulator offline, which stands in
    /// for it as it does for Connect. The pop-up's message is accepted from this origin only.
    /// </summary>
    public Uri JavaScriptSdkBaseUrl { get; set; } = new("https://javascript-sdk.smartcar.com");

    /// <summary>Which Connect flow the app uses; see <see cref="ConnectFlow"/>.</summary>
    public ConnectFlow Flow { get; set; } = ConnectFlow.Classic;

    /// <summary>Where the server-side flow gets its application token (<c>POST /oauth2/token</c>, client_credentials).</summary>
    public Uri ApplicationAuthBaseUrl { get; set; } = new("https://iam.smartcar.com");

    /// <summary>The v3 Vehicle API the server-side flow calls with the application token and <c>sc-user-id</c>.</summary>
    public Uri VehicleApiBaseUrl { get; set; } = new("https://vehicle.api.smartcar.com");
}
