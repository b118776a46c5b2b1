using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Connect.HandleRedirect;

/// <summary>
/// HandleRedirect's step for the server-side flow: proves with Smartcar who connected, then remembers that Smartcar
/// user for the current app user. The redirect's <c>user_id</c> is only a claim (anyone can type one), so the code that
/// came with it is exchanged as the classic flow does and Smartcar's <c>GET /v2.0/user</c> names the user it belongs to
/// (ADR-007). Those tokens serve that one read and are never stored. Internal: only HandleRedirect runs it, once the
/// state is checked.
/// </summary>
internal sealed class LinkSmartcarUser(
    IApplicationDbContext db,
    ICurrentUser user,
    ISmartcarAuth auth,
    ISmartcarApi api,
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
