using System.Diagnostics.Metrics;

namespace SmartcarClean.Application.Telemetry;

/// <summary>
/// Counts the refreshes the app asks Smartcar for, by <c>outcome</c>: <c>renewed</c> (a new pair is stored),
/// <c>refused</c> (Smartcar refused the refresh token: the owner must connect again) or <c>unreachable</c> (no answer).
/// </summary>
internal sealed class TokenRefreshMetrics(IMeterFactory meters)
{
    public const string Instrument = "smartcar.token.refreshes";

    private readonly Counter<long> _refreshes = meters.Create(AppMeter.Name)
        .CreateCounter<long>(Instrument, "{refresh}", "Access token refreshes asked of Smartcar, by outcome.");

    public void Renewed() => Count("renewed");

    public void Refused() => Count("refused");

    public void Unreachable() => Count("unreachable");

    private void Count(string outcome) => _refreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
