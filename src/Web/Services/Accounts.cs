using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using SmartcarClean.Infrastructure.Identity;

namespace SmartcarClean.Web.Services;

/// <summary>
/// Registering, signing in and out with local accounts (ASP.NET Core Identity), for the account pages; they never see
/// Identity's user type. Every sign-in gets a new random session id in a claim, which binds Connect's state to this
/// browser's session rather than only to the user.
/// </summary>
public sealed class Accounts(UserManager<AppUser> users, SignInManager<AppUser> signIn)
{
    public const string SessionIdClaim = "session_id";

    /// <summary>Creates the account and signs it in; or the problems, each for the field it concerns.</summary>
    public async Task<IReadOnlyList<AccountProblem>> RegisterAsync(string email, string password)
    {
        var user = new AppUser { UserName = email, Email = email };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return [.. created.Errors.Select(Describe).Distinct()];
        }

        await SignInNewSessionAsync(user);
        return [];
    }

    /// <summary>Checks the password (counting failures towards Identity's lockout) and signs in with a new session.</summary>
    public async Task<SignInOutcome> SignInAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return SignInOutcome.Failed;
        }

        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.IsLockedOut)
        {
            return SignInOutcome.LockedOut;
        }

        if (!check.Succeeded)
        {
            return SignInOutcome.Failed;
        }

        await SignInNewSessionAsync(user);
        return SignInOutcome.SignedIn;
    }

    public Task SignOutAsync() => signIn.SignOutAsync();

    /// <summary>
    /// Keeps the session id when Identity's security stamp check rebuilds the principal (it builds it from the
    /// database, where the session id is not kept), so a Connect started before the check can still finish after it.
    /// </summary>
    public static Task KeepSessionId(SecurityStampRefreshingPrincipalContext context)
    {
        var sessionId = context.CurrentPrincipal?.FindFirst(SessionIdClaim);
        if (sessionId is not null && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionIdClaim, sessionId.Value));
        }

        return Task.CompletedTask;
    }

    private Task SignInNewSessionAsync(AppUser user) =>
        signIn.SignInWithClaimsAsync(user, isPersistent: true, [new Claim(SessionIdClaim, NewSessionId())]);

    private static string NewSessionId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static AccountProblem Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
            new(AccountField.Email, "An account with this email already exists. Sign in instead."),
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) =>
            new(AccountField.Email, "Enter a valid email address."),
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => new(AccountField.Password, error.Description),
        _ => new(AccountField.Email, error.Description),
    };
}

public enum SignInOutcome
{
    SignedIn,
    Failed,
    LockedOut,
}

public enum AccountField
{
    Email,
    Password,
}

public sealed record AccountProblem(AccountField Field, string Message);
