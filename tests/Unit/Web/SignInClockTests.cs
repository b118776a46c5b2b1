using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Steering;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// Offline, the app's TimeProvider is the embedded emulator's clock (Smartcar's token expiry), which anyone may move
/// forward; the sign-in cookie and the security-stamp check keep to the wall clock, so moving it signs nobody out.
/// </summary>
public sealed class SignInClockTests : IDisposable
{
    private readonly OfflineApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Advancing_the_shared_clock_15_days_does_not_sign_the_user_out()
    {
        using var browser = await WebSession.SignedInAsync(_app);
        var appClock = _app.Services.GetRequiredService<TimeProvider>().ShouldBeOfType<AdjustableClock>();
        var before = appClock.GetUtcNow();

        appClock.Advance(TimeSpan.FromDays(15));

        appClock.GetUtcNow().ShouldBeGreaterThanOrEqualTo(before.AddDays(15));
        using var vehicles = await browser.GetAsync("/vehicles");
        vehicles.StatusCode.ShouldBe(HttpStatusCode.OK, "15 days on Smartcar's clock are not 15 days of the 14-day sign-in");
    }

    [Fact]
    public async Task Advancing_the_shared_clock_does_not_make_the_security_stamp_check_run_and_reissue_the_cookie()
    {
        using var browser = await WebSession.SignedInAsync(_app);

        _app.Services.GetRequiredService<SmartcarEmulator>().AdvanceClock(TimeSpan.FromHours(1));

        using var vehicles = await browser.GetAsync("/vehicles");
        vehicles.StatusCode.ShouldBe(HttpStatusCode.OK);
        vehicles.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith("smartcarclean.auth=", StringComparison.Ordinal),
            "on the wall clock the 30-minute security-stamp interval has not passed");
    }

    /// <summary>The app as <c>dotnet run</c> starts it offline: the embedded emulator on (on a free port).</summary>
    private sealed class OfflineApp : TestWebApp
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Emulator:Enabled", "true");
            builder.UseSetting("Emulator:Port", "0");
        }
    }
}
