using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Telemetry;
using SmartcarClean.Domain.Connect;

namespace SmartcarClean.Application.Connect.HandleRedirect;

/// <summary>
/// What Smartcar Connect put on the redirect back to the app. With <c>vehicle_incompatible</c> the user may share
/// the vehicle (<c>vin</c>, <c>make</c>, <c>model</c>, <c>year</c>); <c>configuration_error</c> adds the message
/// Connect showed (<c>error_message</c>). Success carries a <c>code</c> and, from Smartcar, also the <c>user_id</c>: a
/// claim the server-side flow checks against the code (ADR-007).
/// </summary>
public sealed record HandleRedirect(string? Code, string? State, string? Error, string? ErrorDescription)
    : ICommand<ConnectOutcome>
{
    public SharedVehicle? Vehicle { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>
    /// Smartcar's id of the person who connected (<c>user_id</c>), as the redirect claims it. The server-side flow keeps
    /// it only when Smartcar names the same user for the code.
    /// </summary>
    public string? UserId { get; init; }
}

/// <summary>The vehicle a user chose to share when Connect found it incompatible.</summary>
public sealed record SharedVehicle(string? Vin, string? Make, string? Model, string? Year)
{
    public override string ToString() =>
        string.Join(' ', new[] { Year, Make, Model }.Where(part => !string.IsNullOrEmpty(part)))
        + (string.IsNullOrEmpty(Vin) ? "" : $" (VIN {Vin})");
}

/// <summary>How a Connect attempt ended. Expected failures are outcomes the page explains, not exceptions.</summary>
public sealed record ConnectOutcome(ConnectFailure? Failure)
{
    public static readonly ConnectOutcome Connected = new((ConnectFailure?)null);

    public bool Succeeded => Failure is null;
}

public enum ConnectFailureReason
{
    /// <summary>The redirect's state is missing, unknown to this user's session, already used or expired.</summary>
    InvalidState,

    /// <summary>The user (or Smartcar) ended Connect with an <c>error</c>.</summary>
    ConnectError,

    /// <summary>The redirect had neither a code nor an error.</summary>
    MissingCode,

    /// <summary>Smartcar refused to exchange the code for tokens, or could not be reached.</summary>
    TokenExchangeFailed,

    /// <summary>
    /// Server-side flow: Smartcar did not confirm who connected (no code, a code it refused, a code of another user than
    /// the redirect's <c>user_id</c>, or it could not be reached), so no Smartcar user was linked.
    /// </summary>
    SmartcarUserNotConfirmed,
}

public sealed record ConnectFailure(
    ConnectFailureReason Reason,
    StateCheck State = StateCheck.Accepted,
    ConnectError Error = ConnectError.Unknown,
    string? ErrorDescription = null)
{
    /// <summary>Shared by the user with <c>vehicle_incompatible</c>, when they chose to.</summary>
    public SharedVehicle? Vehicle { get; init; }

    /// <summary>What Connect showed the user before a <c>configuration_error</c>.</summary>
    public string? ErrorMessage { get; init; }
}

internal sealed class HandleRedirectHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    ExchangeCode exchangeCode,
    LinkSmartcarUser linkSmartcarUser,
    IOptions<SmartcarOptions> options,
    ConnectOutcomeMetrics outcomes,
    TimeProvider time) : ICommandHandler<HandleRedirect, ConnectOutcome>
{
    public async ValueTask<ConnectOutcome> Handle(HandleRedirect command, CancellationToken cancellationToken)
    {
        var outcome = await FinishConnectAsync(command, cancellationToken);
        outcomes.Record(outcome);
        return outcome;
    }

    private async Task<ConnectOutcome> FinishConnectAsync(HandleRedirect command, CancellationToken cancellationToken)
    {
        var (stateCheck, attempt) = await RedeemStateAsync(command.State, cancellationToken);
        if (stateCheck != StateCheck.Accepted)
        {
            return Fail(new ConnectFailure(ConnectFailureReason.InvalidState, State: stateCheck));
        }

        if (!string.IsNullOrEmpty(command.Error))
        {
            return Fail(new ConnectFailure(
                ConnectFailureReason.ConnectError,
                Error: ConnectErrors.Parse(command.Error),
                ErrorDescription: command.ErrorDescription)
            {
                Vehicle = command.Vehicle is { Vin.Length: > 0 } or { Make.Length: > 0 } ? command.Vehicle : null,
                ErrorMessage = command.ErrorMessage,
            });
        }

        if (options.Value.Flow == ConnectFlow.ServerSide)
        {
            return await LinkConfirmedSmartcarUserAsync(command, attempt!, cancellationToken);
        }

        if (string.IsNullOrEmpty(command.Code))
        {
            return Fail(new ConnectFailure(ConnectFailureReason.MissingCode));
        }

        try
        {
            await exchangeCode.RunAsync(new AuthorizationCode(command.Code, attempt!.RedirectUri), cancellationToken);
        }
        catch (Exception e) when (e is SmartcarAuthException or SmartcarApiException)
        {
            return Fail(new ConnectFailure(ConnectFailureReason.TokenExchangeFailed));
        }

        return ConnectOutcome.Connected;
    }

    // The redirect's user_id is a claim anyone can type; only the code, exchanged with Smartcar, proves who connected
    // (ADR-007). Whatever stops that proof, nothing is linked; the state stays used up.
    private async Task<ConnectOutcome> LinkConfirmedSmartcarUserAsync(
        HandleRedirect command, ConnectAttempt attempt, CancellationToken cancellationToken)
    {
        var notConfirmed = Fail(new ConnectFailure(ConnectFailureReason.SmartcarUserNotConfirmed));
        if (string.IsNullOrEmpty(command.Code))
        {
            return notConfirmed;
        }

        try
        {
            var code = new AuthorizationCode(command.Code, attempt.RedirectUri);
            return await linkSmartcarUser.RunAsync(code, command.UserId, cancellationToken) ? ConnectOutcome.Connected : notConfirmed;
        }
        catch (Exception e) when (e is SmartcarAuthException or SmartcarApiException)
        {
            return notConfirmed;
        }
    }

    private async Task<(StateCheck, ConnectAttempt?)> RedeemStateAsync(string? state, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(state))
        {
            return (StateCheck.Missing, null);
        }

        // Only the user's session (browser) that started the attempt can finish it; to anyone else it is unknown.
        var attempt = await db.ConnectAttempts.SingleOrDefaultAsync(a => a.State == state, cancellationToken);
        if (attempt is null || !attempt.BelongsTo(user.Id, user.SessionId))
        {
            return (StateCheck.Unknown, null);
        }

        var check = attempt.Redeem(time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request redeemed this state between our read and our write.
            return (StateCheck.Reused, null);
        }

        return (check, attempt);
    }

    private static ConnectOutcome Fail(ConnectFailure failure) => new(failure);
}
