using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Application.Connect.StartConnect;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Telemetry;
using SmartcarClean.Application.Vehicles.RefreshVehicleAttributes;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// The app's own meter counts token refreshes and Connect outcomes where they happen, tagged with a closed set of
/// outcome names only (never a token, code, state or id). Refresh renews the tokens; a plain list view asks Smartcar nothing.
/// </summary>
public sealed class AppMetricsTests : IDisposable
{
    private readonly HandlerTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_refresh_smartcar_answers_counts_as_renewed()
    {
        using var refreshes = Collect(TokenRefreshMetrics.Instrument);
        await _host.ConnectAsync();
        _host.Time.Advance(TimeSpan.FromHours(3));

        await _host.SendAsync(new RefreshVehicleAttributes());

        Outcomes(refreshes).ShouldBe(["renewed"]);
    }

    [Fact]
    public async Task A_refresh_token_smartcar_refuses_counts_as_refused()
    {
        using var refreshes = Collect(TokenRefreshMetrics.Instrument);
        await _host.ConnectAsync();
        _host.Time.Advance(TimeSpan.FromHours(3));
        _host.Smartcar.RefreshFailure = new SmartcarAuthException("invalid_grant", "Invalid refresh_token");

        await _host.SendAsync(new RefreshVehicleAttributes());

        Outcomes(refreshes).ShouldBe(["refused"]);
    }

    [Fact]
    public async Task A_refresh_without_an_answer_counts_as_unreachable()
    {
        using var refreshes = Collect(TokenRefreshMetrics.Instrument);
        await _host.ConnectAsync();
        _host.Time.Advance(TimeSpan.FromHours(3));
        _host.Smartcar.RefreshFailure = new SmartcarApiException(0, "UNREACHABLE", "UNREACHABLE", "No answer.");

        await _host.SendAsync(new RefreshVehicleAttributes());

        Outcomes(refreshes).ShouldBe(["unreachable"]);
    }

    [Fact]
    public async Task Each_redirect_back_from_connect_counts_once_under_its_outcome()
    {
        using var outcomes = Collect(ConnectOutcomeMetrics.Instrument);

        await _host.ConnectAsync();
        await _host.SendAsync(new HandleRedirect(null, await StartAsync(), "access_denied", "User denied access to application."));
        await _host.SendAsync(new HandleRedirect(null, await StartAsync(), "vehicle_incompatible", null));
        await _host.SendAsync(new HandleRedirect("code-2", "forged-state", null, null));
        _host.Smartcar.ExchangeFailure = new SmartcarAuthException("invalid_grant", "Invalid code.");
        await _host.SendAsync(new HandleRedirect("code-3", await StartAsync(), null, null));

        Outcomes(outcomes).ShouldBe(["connected", "denied", "vehicle_incompatible", "state_refused", "exchange_failed"]);
    }

    private MetricCollector<long> Collect(string instrument) => new(_host.Meters, AppMeter.Name, instrument);

    /// <summary>Each measurement's outcome; every one must count 1 and carry no tag but the outcome.</summary>
    private static List<string?> Outcomes(MetricCollector<long> collector)
    {
        var measurements = collector.GetMeasurementSnapshot();
        measurements.ShouldAllBe(m => m.Value == 1 && m.Tags.Count == 1);
        return [.. measurements.Select(m => m.Tags["outcome"] as string)];
    }

    private async Task<string> StartAsync()
    {
        var url = (await _host.SendAsync(new StartConnect())).Url;
        return QueryHelpers.ParseQuery(url.Query)["state"].ToString();
    }
}
