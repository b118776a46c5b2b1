using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartcarClean.Application.Options;
using SmartcarClean.Infrastructure.Identity;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// Sign-in sessions end when they should: at sign-out (even for a copy of the cookie), after their absolute lifetime,
/// when the password changes (every other session) and when the user signs out everywhere. Sign-in says the same, with
/// the same work, for an unknown email and a wrong password.
/// </summary>
public abstract class SessionTests(SessionTests.App app)
{
    [Fact]
    public async Task A_cookie_copied_before_sign_out_opens_nothing_after_it()
    {
        using var browser = WebSession.Open(app);
        using var registered = await browser.RegisterAsync(WebSession.NewEmail());
        using var copy = WebSession.WithCookieOf(app, registered);
        (await copy.GetAsync("/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK, "the copy works while the session lasts");

        (await browser.SignOutAsync()).Dispose();

        await ShouldBeAskedToSignInAsync(copy);
    }

    [Fact]
    public async Task Signing_in_again_in_the_same_browser_ends_its_earlier_session()
    {
        var email = WebSession.NewEmail();
        using var browser = WebSession.Open(app);
        using var registered = await browser.RegisterAsync(email);
        using var copy = WebSession.WithCookieOf(app, registered);

        (await browser.SignInAsync(email)).Dispose();

        await ShouldBeAskedToSignInAsync(copy);
        (await browser.GetAsync("/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_user_keeps_at_most_ten_sessions_and_the_oldest_ends_first()
    {
        var email = WebSession.NewEmail();
        using var first = WebSession.Open(app);
        (await first.RegisterAsync(email)).Dispose();
        var others = new List<WebSession>();
        for (var i = 0; i < 9; i++)
        {
            app.SessionClock.Advance(TimeSpan.FromSeconds(1)); // the sessions' clock is the test's: let it tick
            var browser = WebSession.Open(app);
            (await browser.SignInAsync(email)).Dispose();
            others.Add(browser);
        }

        (await first.GetAsync("/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK, "ten sessions are allowed");
        app.SessionClock.Advance(TimeSpan.FromSeconds(1));
        using var eleventh = WebSession.Open(app);
        (await eleventh.SignInAsync(email)).Dispose();

        await ShouldBeAskedToSignInAsync(first);
        (await others[0].GetAsync("/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await eleventh.GetAsync("/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);
        others.ForEach(browser => browser.Dispose());
    }

    [Fact]
    public async Task A_session_ends_30_days_after_sign_in_however_often_it_is_used()
    {
        using var browser = await WebSession.SignedInAsync(app);

        app.SessionClock.Advance(TimeSpan.FromDays(29));
        (await browser.GetAsync("/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK);

        app.SessionClock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await ShouldBeAskedToSignInAsync(browser);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var email = WebSession.NewEmail();
        using var here = WebSession.Open(app);
        (await here.RegisterAsync(email)).Dispose();
        using var elsewhere = WebSession.Open(app);
        (await elsewhere.SignInAsync(email)).Dispose();

        using (var changed = await here.ChangePasswordAsync(WebSession.Password, NewPassword))
        {
            changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        (await here.GetAsync("/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK, "this session goes on");
        await ShouldBeAskedToSignInAsync(elsewhere);
        (await elsewhere.SignInAsync(email)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the old password no longer works");
        (await elsewhere.SignInAsync(email, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        using var browser = await WebSession.SignedInAsync(app);

        using var response = await browser.ChangePasswordAsync("not the password", NewPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Your current password is not right.");
    }

    [Fact]
    public async Task Changing_to_one_of_the_most_common_passwords_is_refused()
    {
        using var browser = await WebSession.SignedInAsync(app);

        using var response = await browser.ChangePasswordAsync(WebSession.Password, "QWERTYUIOP");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("This password is one of the most common ones; choose another.");
    }

    [Fact]
    public async Task Changing_the_password_is_for_signed_in_users_only()
    {
        using var browser = WebSession.Open(app);

        using var response = await browser.GetAsync("/account/password");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe("/account/signin?returnUrl=%2Faccount%2Fpassword");
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_of_the_user()
    {
        var email = WebSession.NewEmail();
        using var here = WebSession.Open(app);
        (await here.RegisterAsync(email)).Dispose();
        using var elsewhere = WebSession.Open(app);
        (await elsewhere.SignInAsync(email)).Dispose();
        using var someoneElse = await WebSession.SignedInAsync(app);

        using (var signedOut = await here.SignOutEverywhereAsync())
        {
            signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        await ShouldBeAskedToSignInAsync(here);
        await ShouldBeAskedToSignInAsync(elsewhere);
        (await someoneElse.GetAsync("/vehicles")).StatusCode.ShouldBe(HttpStatusCode.OK, "another user's session is not theirs to end");
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer_after_one_password_check_each()
    {
        var email = WebSession.NewEmail();
        using var browser = WebSession.Open(app);
        (await browser.RegisterAsync(email)).Dispose();
        (await browser.SignOutAsync()).Dispose();

        app.Hasher.Verifications = 0;
        using var wrongPassword = await browser.SignInAsync(email, "not the password");
        var wrongPasswordChecks = app.Hasher.Verifications;
        app.Hasher.Verifications = 0;
        using var unknownEmail = await browser.SignInAsync(WebSession.NewEmail(), "not the password");
        var unknownEmailChecks = app.Hasher.Verifications;

        unknownEmail.StatusCode.ShouldBe(wrongPassword.StatusCode);
        (await ErrorOf(unknownEmail)).ShouldBe(await ErrorOf(wrongPassword));
        wrongPasswordChecks.ShouldBe(1);
        unknownEmailChecks.ShouldBe(1, "an unknown email costs the same password hash check as a known one");
    }

    [Fact]
    public async Task A_locked_account_gets_the_same_answer_after_the_same_work_as_an_unknown_email()
    {
        var email = WebSession.NewEmail();
        using var browser = WebSession.Open(app);
        (await browser.RegisterAsync(email)).Dispose();
        (await browser.SignOutAsync()).Dispose();
        for (var i = 0; i < 5; i++)
        {
            (await browser.SignInAsync(email, "not the password")).Dispose();
        }

        app.Hasher.Verifications = 0;
        using var locked = await browser.SignInAsync(email);
        var lockedChecks = app.Hasher.Verifications;
        app.Hasher.Verifications = 0;
        using var unknownEmail = await browser.SignInAsync(WebSession.NewEmail(), "not the password");

        locked.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "even the right password is refused while locked out");
        (await ErrorOf(locked)).ShouldBe(await ErrorOf(unknownEmail), "a lock-out must not tell that the email has an account");
        lockedChecks.ShouldBe(app.Hasher.Verifications);
    }

    [Fact]
    public async Task Wrong_current_passwords_on_the_change_page_lock_the_account_like_wrong_sign_ins()
    {
        using var browser = await WebSession.SignedInAsync(app);
        for (var i = 0; i < 5; i++)
        {
            (await browser.ChangePasswordAsync("not the password", NewPassword)).Dispose();
        }

        using var response = await browser.ChangePasswordAsync(WebSession.Password, NewPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the right password is refused too while locked out");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Too many wrong passwords.");
    }

    private const string NewPassword = "a brand new passphrase";

    private static async Task ShouldBeAskedToSignInAsync(WebSession browser)
    {
        using var response = await browser.GetAsync("/vehicles");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/account/signin");
    }

    private static async Task<string> ErrorOf(HttpResponseMessage signIn)
    {
        var html = await signIn.Content.ReadAsStringAsync();
        var start = html.IndexOf("data-testid=\"sign-in-error\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        return html[start..html.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    /// <summary>The app with the sessions' clock under the test's control and every password hash check counted.</summary>
    public abstract class App(DatabaseProvider engine) : TestWebApp(engine)
    {
        public FakeTimeProvider SessionClock { get; } = new(DateTimeOffset.UtcNow);

        public CountingPasswordHasher Hasher { get; } = new();

        protected override void Configure(IWebHostBuilder builder)
        {
            UseTestSmartcarSettings(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddKeyedSingleton<TimeProvider>(UserSessionStore.ClockKey, SessionClock);
                services.AddSingleton<IPasswordHasher<AppUser>>(Hasher);
            });
        }
    }

    public sealed class SqliteApp() : App(DatabaseProvider.Sqlite);

    public sealed class PostgreSqlApp() : App(DatabaseProvider.PostgreSql);

    /// <summary>Identity's own hasher, counting how often a password is checked against a hash.</summary>
    public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _hasher = new();

        public int Verifications { get; set; }

        public string HashPassword(AppUser user, string password) => _hasher.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Verifications++;
            return _hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

public sealed class SessionsOnSqlite(SessionTests.SqliteApp app) : SessionTests(app), IClassFixture<SessionTests.SqliteApp>;

public sealed class SessionsOnPostgreSql(SessionTests.PostgreSqlApp app) : SessionTests(app), IClassFixture<SessionTests.PostgreSqlApp>;
