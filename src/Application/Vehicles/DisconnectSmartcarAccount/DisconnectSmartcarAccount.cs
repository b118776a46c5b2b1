using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Common;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;

namespace SmartcarClean.Application.Vehicles.DisconnectSmartcarAccount;

/// <summary>
/// The server-side flow's disconnect: removes one of the current user's linked Smartcar accounts (<see cref="LinkId"/>)
/// with all its cars. Smartcar purges that user's connections and data for this application
/// (<c>DELETE /v3/users/{id}</c>), then the app forgets its links to that Smartcar user.
/// </summary>
public sealed record DisconnectSmartcarAccount(Guid LinkId) : ICommand<CommandOutcome>;

internal sealed class DisconnectSmartcarAccountHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    ISmartcarApiV3 apiV3,
    ApplicationTokens applicationTokens) : ICommandHandler<DisconnectSmartcarAccount, CommandOutcome>
{
    public async ValueTask<CommandOutcome> Handle(DisconnectSmartcarAccount command, CancellationToken cancellationToken)
    {
        var link = await db.SmartcarUserLinks
            .SingleOrDefaultAsync(l => l.Id == command.LinkId && l.OwnerId == user.Id, cancellationToken);
        if (link is null)
        {
            return new CommandOutcome(false, "This is not one of your Smartcar accounts.", NotFound: true);
        }

        if (await RemoveAtSmartcarAsync(link.SmartcarUserId, cancellationToken) is { } failure)
        {
            return failure;
        }

        // Smartcar purged the user for the whole application, so no link to it would list anything any more.
        var links = await db.SmartcarUserLinks.Where(l => l.SmartcarUserId == link.SmartcarUserId).ToListAsync(cancellationToken);
        db.SmartcarUserLinks.RemoveRange(links);
        await db.SaveChangesAsync(cancellationToken);
        return new CommandOutcome(true, "The Smartcar account and its cars were disconnected.");
    }

    /// <summary>Null when Smartcar no longer has the user; otherwise why it could not remove them (the link stays).</summary>
    private async Task<CommandOutcome?> RemoveAtSmartcarAsync(string smartcarUserId, CancellationToken cancellationToken)
    {
        try
        {
            await applicationTokens.CallAsync(
                async token =>
                {
                    await apiV3.DeleteUserAsync(token, smartcarUserId, cancellationToken);
                    return true;
                },
                cancellationToken);
            return null;
        }
        catch (SmartcarApiException e) when (e.StatusCode == 404)
        {
            // Already gone at Smartcar: there is nothing left to remove there, and the user still wants it gone here.
            return null;
        }
        catch (SmartcarApiException e)
        {
            return new CommandOutcome(false, SmartcarErrorMessages.For(e));
        }
        catch (SmartcarAuthException)
        {
            return new CommandOutcome(false, "This app could not sign in to Smartcar, so nothing was disconnected. Please try again later.");
        }
    }
}
