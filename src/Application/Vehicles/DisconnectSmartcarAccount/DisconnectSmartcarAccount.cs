using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;

namespace SmartcarClean.Application.Vehicles.DisconnectSmartcarAccount;

/// <summary>
/// The server-side flow's disconnect: removes one of the current user's linked Smartcar accounts (<see cref="LinkId"/>)
/// with all its cars. Smartcar purges that user's connections and data for this application
/// (<c>DELETE /v3/users/{id}</c>), then the app forgets its links to that Smartcar user.
/// </summary>
public sealed record DisconnectSmartcarAccount(Guid LinkId) : ICommand<DisconnectSmartcarAccountOutcome>;

/// <summary>What became of the Smartcar account: one of the cases below and nothing else.</summary>
public abstract record DisconnectSmartcarAccountOutcome
{
    private DisconnectSmartcarAccountOutcome()
    {
    }

    /// <summary>Smartcar no longer has the user, and the app forgot its links to it.</summary>
    public sealed record Disconnected : DisconnectSmartcarAccountOutcome;

    /// <summary>Not one of this user's Smartcar accounts.</summary>
    public sealed record NotFound : DisconnectSmartcarAccountOutcome;

    /// <summary>Smartcar could not remove the user: nothing changed.</summary>
    public sealed record Failed(SmartcarProblem Problem) : DisconnectSmartcarAccountOutcome;
}

internal sealed class DisconnectSmartcarAccountHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    ISmartcarApiV3 apiV3,
    ApplicationTokens applicationTokens) : ICommandHandler<DisconnectSmartcarAccount, DisconnectSmartcarAccountOutcome>
{
    public async ValueTask<DisconnectSmartcarAccountOutcome> Handle(DisconnectSmartcarAccount command, CancellationToken cancellationToken)
    {
        var link = await db.SmartcarUserLinks
            .SingleOrDefaultAsync(l => l.Id == command.LinkId && l.OwnerId == user.Id, cancellationToken);
        if (link is null)
        {
            return new DisconnectSmartcarAccountOutcome.NotFound();
        }

        if (await RemoveAtSmartcarAsync(link.SmartcarUserId, cancellationToken) is { } problem)
        {
            return new DisconnectSmartcarAccountOutcome.Failed(problem);
        }

        // Smartcar purged the user for the whole application, so no link to it would list anything any more.
        var links = await db.SmartcarUserLinks.Where(l => l.SmartcarUserId == link.SmartcarUserId).ToListAsync(cancellationToken);
        db.SmartcarUserLinks.RemoveRange(links);
        await db.SaveChangesAsync(cancellationToken);
        return new DisconnectSmartcarAccountOutcome.Disconnected();
    }

    /// <summary>Null when Smartcar no longer has the user; otherwise why it could not remove them (the link stays).</summary>
    private async Task<SmartcarProblem?> RemoveAtSmartcarAsync(string smartcarUserId, CancellationToken cancellationToken)
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
            return new SmartcarProblem.Refused(e);
        }
        catch (SmartcarAuthException)
        {
            return new SmartcarProblem.ApplicationNotAuthorized();
        }
    }
}
