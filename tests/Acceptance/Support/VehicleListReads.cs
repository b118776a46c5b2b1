using SmartcarClean.Emulator;

namespace SmartcarClean.Acceptance.Support;

/// <summary>
/// What the app asked Smartcar since a scenario started counting: the vehicle list (GET /v2.0/vehicles), and every call
/// to Smartcar's APIs and token endpoints (Connect's pages, which the browser walks, are not the app's calls).
/// </summary>
public sealed class VehicleListReads(SmartcarEmulator smartcar)
{
    private int _listsBefore;
    private int _callsBefore;

    public int Counted => Lists() - _listsBefore;

    /// <summary>Every call the app made to Smartcar since <see cref="StartCounting"/>.</summary>
    public int SmartcarCalls => Calls() - _callsBefore;

    public void StartCounting()
    {
        _listsBefore = Lists();
        _callsBefore = Calls();
    }

    private int Lists() => smartcar.Requests.Count(r => r.Method == "GET" && r.Path == "/v2.0/vehicles");

    private int Calls() => smartcar.Requests.Count(r => r.Path.StartsWith("/v2.0/", StringComparison.Ordinal)
        || r.Path.StartsWith("/v3/", StringComparison.Ordinal)
        || r.Path is "/oauth/token" or "/oauth2/token");
}
