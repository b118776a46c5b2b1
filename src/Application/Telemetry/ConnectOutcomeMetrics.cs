using System.Diagnostics.Metrics;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Domain.Connect;

namespace SmartcarClean.Application.Telemetry;

/// <summary>
/// Counts the redirects back from Connect, by <c>outcome</c>: <c>connected</c>, <c>denied</c> (the user said no), the
/// error Connect ended with (e.g. <c>vehicle_incompatible</c>), <c>state_refused</c>, <c>missing_code</c>,
/// <c>exchange_failed</c> or <c>user_not_confirmed</c>. A closed set of names: never a code, state or id.
/// </summary>
internal sealed class ConnectOutcomeMetrics(IMeterFactory meters)
{
    public const string Instrument = "smartcar.connect.outcomes";

    private readonly Counter<long> _outcomes = meters.Create(AppMeter.Name)
        .CreateCounter<long>(Instrument, "{redirect}", "Redirects back from Smartcar Connect, by outcome.");

    public void Record(ConnectOutcome outcome) =>
        _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", Name(outcome.Failure)));

    private static string Name(ConnectFailure? failure) => failure switch
    {
        null => "connected",
        { Reason: ConnectFailureReason.InvalidState } => "state_refused",
        { Reason: ConnectFailureReason.ConnectError, Error: ConnectError.AccessDenied } => "denied",
        { Reason: ConnectFailureReason.ConnectError } => SnakeCase(failure.Error),
        { Reason: ConnectFailureReason.MissingCode } => "missing_code",
        { Reason: ConnectFailureReason.TokenExchangeFailed } => "exchange_failed",
        { Reason: ConnectFailureReason.SmartcarUserNotConfirmed } => "user_not_confirmed",
        _ => "other",
    };

    // As Smartcar spells its Connect errors: VehicleIncompatible -> vehicle_incompatible.
    private static string SnakeCase(ConnectError error) =>
        string.Concat(error.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"_{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
}
