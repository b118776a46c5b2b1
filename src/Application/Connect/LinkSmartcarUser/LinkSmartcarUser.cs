using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Common;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Connect.LinkSmartcarUser;

/// <summary>
/// The server-side flow's end of Connect: remembers the Smartcar user the current app user connected as. Their
/// vehicles are then read with the application token and this id; no per-user token is kept.
/// </summary>
public sealed record LinkSmartcarUser(string SmartcarUserId) : ICommand;

internal sealed class LinkSmartcarUserHandler(IApplicationDbContext db, ICurrentUser user, TimeProvider time)
    : ICommandHandler<LinkSmartcarUser>
{
    public async ValueTask<Unit> Handle(LinkSmartcarUser command, CancellationToken cancellationToken)
    {
        // Connecting again as the same Smartcar user (another car, or the same one) keeps the one link it has.
        var known = await db.SmartcarUserLinks
            .AnyAsync(l => l.OwnerId == user.Id && l.SmartcarUserId == command.SmartcarUserId, cancellationToken);
        if (!known)
        {
            db.SmartcarUserLinks.Add(SmartcarUserLink.Create(user.Id, command.SmartcarUserId, time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}
