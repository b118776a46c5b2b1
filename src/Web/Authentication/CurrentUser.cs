using System.Security.Claims;
using SmartcarClean.Application.Ports;

namespace SmartcarClean.Web.Authentication;

/// <summary>
/// The signed-in user of this request, from Identity's sign-in cookie: the account's id, and the random session id
/// the cookie got when the user signed in (<see cref="Accounts.SessionIdClaim"/>). Pages that use it require a
/// signed-in user, so reading it anonymously is a programming error.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string Id => Claim(ClaimTypes.NameIdentifier);

    public string SessionId => Claim(Accounts.SessionIdClaim);

    private string Claim(string type) =>
        accessor.HttpContext?.User.FindFirstValue(type)
        ?? throw new InvalidOperationException($"No signed-in user with a '{type}' claim: the page must require a signed-in user.");
}
