using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Attributes;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Connect.HandleRedirect;

/// <summary>
/// HandleRedirect's step for the server-side flow: proves with Smartcar who connected, then remembers that Smartcar
/// user for the current app user. The redirect's <c>user_id</c> is only a claim (anyone can type one), so the code that
/// came with it is exchanged as the classic flow does and Smartcar's <c>GET /v2.0/user</c> names the user it belongs to
/// (ADR-007). Those tokens serve that one read and are never stored. The user's vehicles are then listed once, with their
/// make, model, year and powertrain, and stored: the vehicle list shows them without calling Smartcar. Internal: only HandleRedirect runs it, once the
/// state is checked.
/// </summary>
internal sealed class LinkSmartcarUser(
    IApplicationDbContext db,
    ICurrentUser user,
    ISmartcarAuth auth,
    ISmartcarApi api,
    AttributeReader attributes,
    IOptions<SmartcarLimits> limits,
    IValidator<AuthorizationCode> validator,
    TimeProvider time)
{
    /// <summary>
    /// Links the user Smartcar names for <paramref name="code"/>. <paramref name="claimedUserId"/>: the redirect's
    /// <c>user_id</c>, when it had one (HandleRedirect's validator checks its form); it must be the user Smartcar names.
    /// </summary>
    /// <returns>False, linking nothing, when Smartcar names someone else than <paramref name="claimedUserId"/>.</returns>
    /// <exception cref="ValidationException">The code or redirect URI is not one Connect sends.</exception>
    /// <exception cref="SmartcarAuthException">Smartcar refused the code.</exception>
    /// <exception cref="SmartcarApiException">Smartcar did not name the user, or could not be reached.</exception>
    public async Task<bool> RunAsync(AuthorizationCode code, string? claimedUserId, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(code, cancellationToken);
        var tokens = await auth.ExchangeCodeAsync(code.Code, code.RedirectUri, cancellationToken);
        var smartcarUserId = await api.GetUserIdAsync(tokens.AccessToken, cancellationToken);
        if (!string.IsNullOrEmpty(claimedUserId) && claimedUserId != smartcarUserId)
        {
            return false;
        }

        // Connecting again as the same Smartcar user (another car, or the same one) keeps the one link it has.
        var link = await db.SmartcarUserLinks
            .SingleOrDefaultAsync(l => l.OwnerId == user.Id && l.SmartcarUserId == smartcarUserId, cancellationToken);
        if (link is null)
        {
            link = SmartcarUserLink.Create(user.Id, smartcarUserId, time.GetUtcNow());
            db.SmartcarUserLinks.Add(link);
        }

        await ListVehiclesAsync(link, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    // Connecting again re-reads them: a car no longer connected goes, a new one comes. Whatever stops the read, the
    // proven link is kept, and the list says its cars are not read yet.
    private async Task ListVehiclesAsync(SmartcarUserLink link, CancellationToken cancellationToken)
    {
        using var calls = new PageCalls(limits.Value, time, cancellationToken);
        try
        {
            var read = await attributes.ReadAsync(link.SmartcarUserId, calls);
            link.ReplaceVehicles(read.List.Ids, time.GetUtcNow());
            foreach (var (vehicleId, description) in read.Descriptions(time.GetUtcNow()))
            {
                link.Describe(vehicleId, description);
            }

            read.KeepConnectionsIn(link);
        }
        catch (Exception e) when (e is SmartcarApiException or SmartcarAuthException
            || (e is OperationCanceledException && calls.DeadlinePassed))
        {
            // Not listed this time: the link stays, with the vehicles it had.
        }
    }
}
