using System.Net;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.OAuth;

public sealed class TokenLifetimeTests
{
    [Fact]
    public async Task Access_token_lifetime_is_configurable_and_expires_in_follows_it()
    {
        using var driver = new EmulatorDriver(o => o.AccessTokenLifetime = TimeSpan.FromMinutes(5));

        var tokens = await driver.ConnectAndExchangeAsync();
        tokens.ExpiresIn.ShouldBe(300);

        driver.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        (await driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        driver.Clock.Advance(TimeSpan.FromSeconds(1));
        (await driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Code_lifetime_is_configurable()
    {
        using var driver = new EmulatorDriver(o => o.CodeLifetime = TimeSpan.FromSeconds(30));
        var code = await driver.GetCodeAsync();

        driver.Clock.Advance(TimeSpan.FromSeconds(30));

        (await driver.ExchangeCodeAsync(code)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Refresh_token_lifetime_and_grace_period_are_configurable()
    {
        using var driver = new EmulatorDriver(o =>
        {
            o.RefreshTokenLifetime = TimeSpan.FromDays(1);
            o.RefreshGracePeriod = TimeSpan.FromSeconds(5);
        });
        var first = await driver.ConnectAndExchangeAsync();
        var rotated = TokenResponse.From(await JsonAsync(await driver.RefreshAsync(first.RefreshToken)));

        driver.Clock.Advance(TimeSpan.FromSeconds(4));
        (await driver.RefreshAsync(first.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        driver.Clock.Advance(TimeSpan.FromSeconds(1));
        (await driver.RefreshAsync(first.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        driver.Clock.Advance(TimeSpan.FromDays(1));
        (await driver.RefreshAsync(rotated.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Application_token_lifetime_is_configurable()
    {
        using var driver = new EmulatorDriver(o => o.ApplicationTokenLifetime = TimeSpan.FromMinutes(10));

        var response = await driver.RequestApplicationTokenAsync();
        var token = (await JsonAsync(response)).GetProperty("access_token").GetString()!;
        (await JsonAsync(response)).GetProperty("expires_in").GetInt32().ShouldBe(600);

        (await driver.SendApiAsync(HttpMethod.Get, "/v3/connections", token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        driver.Clock.Advance(TimeSpan.FromMinutes(10));
        (await driver.SendApiAsync(HttpMethod.Get, "/v3/connections", token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void Defaults_are_the_documented_lifetimes()
    {
        var options = new EmulatorOptions();

        options.CodeLifetime.ShouldBe(TimeSpan.FromMinutes(10));
        options.AccessTokenLifetime.ShouldBe(TimeSpan.FromSeconds(7200));
        options.RefreshTokenLifetime.ShouldBe(TimeSpan.FromDays(60));
        options.RefreshGracePeriod.ShouldBe(TimeSpan.FromSeconds(60));
        options.ApplicationTokenLifetime.ShouldBe(TimeSpan.FromSeconds(3600));
    }

    [Fact]
    public void A_lifetime_under_one_second_is_refused_at_start()
    {
        var options = new EmulatorOptions { AccessTokenLifetime = TimeSpan.Zero };

        Should.Throw<ArgumentOutOfRangeException>(() => SmartcarEmulator.Start(options).Dispose())
            .Message.ShouldContain("AccessTokenLifetime");
    }
}
