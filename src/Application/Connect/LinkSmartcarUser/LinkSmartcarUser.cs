using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Connect.LinkSmartcarUser;

/// <summary>
/// The server-side flow's end of Connect: proves with Smartcar who connected, then remembers that Smartcar user for the
/// current app user. The redirect's <c>user_id</c> is only a claim (anyone can type one), so the code that came with it
/// is exchanged as the classic flow does and Smartcar's <c>GET /v2.0/user</c> names the user it belongs to
/// (ADR-007). Those tokens serve that one read and are never stored. Returns false, linking nothing, when Smartcar
/// names someone else than <see cref="ClaimedUserId"/>.
/// </summary>
public sealed record LinkSmartcarUser(string Code, string? RedirectUri) : ICommand<bool>
{
    /// <summary>The redirect's <c>user_id</c>, when it had one: it must be the user Smartcar names.</summary>
    public string? ClaimedUserId { get; init; }

    public override string ToString() => $"LinkSmartcarUser {{ RedirectUri = {RedirectUri}, ClaimedUserId = {ClaimedUserId} }}";
}

internal sealed class LinkSmartcarUserHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    ISmartcarAuth auth,
    ISmartcarApi api,
    TimeProvider time) : ICommandHandler<LinkSmartcarUser, bool>
{
    public async ValueTask<bool> Handle(LinkSmartcarUser command, CancellationToken cancellationToken)
    {
        var tokens = await auth.ExchangeCodeAsync(command.Code, command.RedirectUri, cancellationToken);
        var smartcarUserId = await api.GetUserIdAsync(tokens.AccessToken, cancellationToken);
        if (!string.IsNullOrEmpty(command.ClaimedUserId) && command.ClaimedUserId != smartcarUserId)
        {
            return false;
        }

        // Connecting again as the same Smartcar user (another car, or the same one) keeps the one link it has.
        var known = await db.SmartcarUserLinks
            .AnyAsync(l => l.OwnerId == user.Id && l.SmartcarUserId == smartcarUserId, cancellationToken);
        if (!known)
        {
            db.SmartcarUserLinks.Add(SmartcarUserLink.Create(user.Id, smartcarUserId, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }
}
