using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Connect;

namespace SmartcarClean.Application.Connect.StartConnect;

/// <summary>
/// Begins a Connect attempt for the current user's session and returns the Connect URL to send it to. The options
/// are the user's choices: skip the brand page (<see cref="Make"/>), let only one car be chosen (optionally a given
/// VIN), always show the permissions page, another mode than the configured one, or Connect in a pop-up
/// (<see cref="InPopup"/>), which ends on the JavaScript SDK's redirect page instead of the app's redirect URI.
/// <see cref="Permission"/>: connect again to grant a permission Smartcar said was missing; it is asked for as
/// required, and the prompt always shown.
/// </summary>
public sealed record StartConnect(bool ForceApprovalPrompt = false) : ICommand<ConnectLink>
{
    public string? Make { get; init; }

    public bool SingleSelect { get; init; }

    public string? SingleSelectVin { get; init; }

    public string? Mode { get; init; }

    public string? Permission { get; init; }

    public bool InPopup { get; init; }
}

/// <summary>
/// Where to send the user, and the state the attempt expects back. For a pop-up, also the origin of the page that
/// will hand the result over (<see cref="RedirectPageOrigin"/>): the opener accepts a message from it only.
/// </summary>
public sealed record ConnectLink(Uri Url, string State)
{
    public string? RedirectPageOrigin { get; init; }

    public override string ToString() => $"ConnectLink {{ Url = {Url.GetLeftPart(UriPartial.Path)} }}";
}

internal sealed class StartConnectHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    IOptions<SmartcarOptions> options,
    TimeProvider time) : ICommandHandler<StartConnect, ConnectLink>
{
    public async ValueTask<ConnectLink> Handle(StartConnect command, CancellationToken cancellationToken)
    {
        var smartcar = options.Value;
        // The attempt keeps the redirect URI it sends, so the token exchange sends the same one (Smartcar checks).
        // In the page with none configured, Smartcar sends the user to the application's default one.
        var redirectUri = command.InPopup ? smartcar.PopupRedirectUri
            : string.IsNullOrEmpty(smartcar.RedirectUri) ? null
            : smartcar.RedirectUri;
        var now = time.GetUtcNow();
        await ForgetOldAttemptsAsync(now, cancellationToken);
        var attempt = ConnectAttempt.Start(user.Id, user.SessionId, redirectUri, now);
        db.ConnectAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);

        var query = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", smartcar.ClientId),
            new("scope", string.Join(' ', Scopes(smartcar.Scopes, command.Permission))),
            new("state", attempt.State),
            new("mode", command.Mode ?? smartcar.Mode),
            // "auto" would skip the permissions page when the earlier grant is still on record.
            new("approval_prompt", command.ForceApprovalPrompt || command.Permission is not null ? "force" : "auto"),
        };
        if (!string.IsNullOrEmpty(command.Make))
        {
            query.Add(new("make", command.Make.ToUpperInvariant()));
        }

        // A VIN implies single select; Smartcar gives single_select_vin precedence over make.
        if (!string.IsNullOrEmpty(command.SingleSelectVin))
        {
            query.Add(new("single_select", "true"));
            query.Add(new("single_select_vin", command.SingleSelectVin.ToUpperInvariant()));
        }
        else if (command.SingleSelect)
        {
            query.Add(new("single_select", "true"));
        }

        if (redirectUri is not null)
        {
            query.Insert(2, new("redirect_uri", redirectUri));
        }

        var queryString = string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        return new ConnectLink(new Uri(smartcar.ConnectBaseUrl, $"/oauth/authorize?{queryString}"), attempt.State)
        {
            RedirectPageOrigin = command.InPopup ? smartcar.JavaScriptSdkBaseUrl.GetLeftPart(UriPartial.Authority) : null,
        };
    }

    // Every start writes a row; without this they would stay for good. Deleted here: this user's finished attempts (used
    // or expired), anyone's expired for more than a day, and this session's oldest open ones beyond the bound, keeping
    // room for the new one. ExecuteDelete: two starts racing delete the same rows without a concurrency error.
    private async Task ForgetOldAttemptsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.ConnectAttempts.Where(a => a.OwnerId == user.Id && (a.UsedAt != null || a.ExpiresAt <= now))
            .ExecuteDeleteAsync(cancellationToken);
        var longExpired = now - ConnectAttempt.KeptAfterExpiry;
        await db.ConnectAttempts.Where(a => a.ExpiresAt < longExpired).ExecuteDeleteAsync(cancellationToken);
        var beyondTheBound = db.ConnectAttempts.Where(a => a.OwnerId == user.Id && a.SessionId == user.SessionId)
            .OrderByDescending(a => a.StartedAt)
            .Skip(ConnectAttempt.OpenPerSession - 1)
            .Select(a => a.Id);
        await db.ConnectAttempts.Where(a => beyondTheBound.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    // The configured scopes, with the missing permission made required (the user cannot finish without granting it).
    private static IEnumerable<string> Scopes(IEnumerable<string> configured, string? missingPermission)
    {
        if (missingPermission is null)
        {
            return configured;
        }

        var required = $"required:{missingPermission}";
        return configured.Where(scope => scope != missingPermission && scope != required).Append(required);
    }
}
