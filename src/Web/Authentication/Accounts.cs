using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using SmartcarClean.Infrastructure.Identity;

namespace SmartcarClean.Web.Authentication;

/// <summary>
/// Registering, signing in and out, changing the password, with local accounts (ASP.NET Core Identity), for the account
/// pages; they never see Identity's user type. Every sign-in starts a server-side session (<see cref="UserSessionStore"/>)
/// whose random id goes in a claim: it binds Connect's state to this browser's session rather than only to the user, and
/// lets a sign-out end the session for every copy of the cookie.
/// </summary>
public sealed class Accounts(UserManager<AppUser> users, SignInManager<AppUser> signIn, UserSessionStore sessions)
{
    public const string SessionIdClaim = "session_id";

    // Checked against when the email has no account, so that both failures cost one hash check (Identity's default
    // hasher and iterations, as for a real account) and take about the same time.
    private static readonly string UnknownAccountHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), "no account has this password");

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

    /// <summary>
    /// Checks the password (counting failures towards Identity's lockout) and signs in with a new session; false when
    /// the email has no account, the password is wrong or the account is locked out. The three look alike from outside,
    /// in answer and in work (one password hash check each), so no one learns which emails have accounts.
    /// </summary>
    public async Task<bool> SignInAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), UnknownAccountHash, password);
            return false;
        }

        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            return false;
        }

        await SignInNewSessionAsync(user);
        return true;
    }

    /// <summary>Ends this browser's session, so that no copy of its cookie opens anything any more.</summary>
    public async Task SignOutAsync()
    {
        var userId = users.GetUserId(signIn.Context.User);
        var sessionId = signIn.Context.User.FindFirstValue(SessionIdClaim);
        if (userId is not null && sessionId is not null)
        {
            await sessions.EndAsync(userId, sessionId);
        }

        await signIn.SignOutAsync();
    }

    /// <summary>Ends every session of the signed-in user, this one included.</summary>
    public async Task SignOutEverywhereAsync()
    {
        var userId = users.GetUserId(signIn.Context.User);
        if (userId is not null)
        {
            await sessions.EndAllAsync(userId);
        }

        await signIn.SignOutAsync();
    }

    /// <summary>
    /// Changes the signed-in user's password; this session goes on and every other one ends. Or the problems, each for
    /// the field it concerns.
    /// </summary>
    public async Task<IReadOnlyList<AccountProblem>> ChangePasswordAsync(string currentPassword, string newPassword)
    {
        var principal = signIn.Context.User;
        var user = await users.GetUserAsync(principal);
        var sessionId = principal.FindFirstValue(SessionIdClaim);
        if (user is null || sessionId is null)
        {
            throw new InvalidOperationException("Changing the password needs a signed-in user: the page must require one.");
        }

        // Someone holding a signed-in browser could otherwise guess the password here at full speed.
        if (await users.IsLockedOutAsync(user))
        {
            return [new(AccountField.CurrentPassword, "Too many wrong passwords. Please wait a few minutes, then try again.")];
        }

        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                await users.AccessFailedAsync(user);
            }

            return [.. changed.Errors.Select(Describe).Distinct()];
        }

        await sessions.EndOthersAsync(user.Id, sessionId);
        // The change gave the account a new security stamp: a new cookie for this same session carries it.
        await SignInWithSessionAsync(user, sessionId);
        return [];
    }

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

    private async Task SignInNewSessionAsync(AppUser user)
    {
        // Signing in again in a browser that is signed in replaces its session: the earlier one ends.
        if (users.GetUserId(signIn.Context.User) is { } earlierUserId
            && signIn.Context.User.FindFirstValue(SessionIdClaim) is { } earlierSessionId)
        {
            await sessions.EndAsync(earlierUserId, earlierSessionId);
        }

        await SignInWithSessionAsync(user, await sessions.StartAsync(user.Id));
    }

    private Task SignInWithSessionAsync(AppUser user, string sessionId) =>
        signIn.SignInWithClaimsAsync(user, isPersistent: true, [new Claim(SessionIdClaim, sessionId)]);

    private static AccountProblem Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordMismatch) => new(AccountField.CurrentPassword, "Your current password is not right."),
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
            new(AccountField.Email, "An account with this email already exists. Sign in instead."),
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) =>
            new(AccountField.Email, "Enter a valid email address."),
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => new(AccountField.Password, error.Description),
        _ => new(AccountField.Email, error.Description),
    };
}

public enum AccountField
{
    Email,
    Password,
    CurrentPassword,
}

public sealed record AccountProblem(AccountField Field, string Message);
