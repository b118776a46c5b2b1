using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Unit.Domain;

public sealed class TokenSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Issued_tokens_expire_after_the_given_seconds_and_the_refresh_token_after_60_days()
    {
        var tokens = TokenSet.Issued("access", "refresh", 7200, Now);

        tokens.AccessTokenExpiresAt.ShouldBe(Now.AddHours(2));
        tokens.RefreshTokenExpiresAt.ShouldBe(Now.AddDays(60));
    }

    [Fact]
    public void The_access_token_is_good_until_just_before_its_expiry_instant()
    {
        var tokens = TokenSet.Issued("access", "refresh", 7200, Now);

        tokens.IsAccessTokenExpired(Now.AddHours(2).AddTicks(-1)).ShouldBeFalse();
    }

    [Fact]
    public void The_access_token_is_expired_at_its_expiry_instant()
    {
        var tokens = TokenSet.Issued("access", "refresh", 7200, Now);

        tokens.IsAccessTokenExpired(Now.AddHours(2)).ShouldBeTrue();
    }

    [Fact]
    public void The_refresh_token_is_expired_at_60_days()
    {
        var tokens = TokenSet.Issued("access", "refresh", 7200, Now);

        tokens.IsRefreshTokenExpired(Now.AddDays(60).AddTicks(-1)).ShouldBeFalse();
        tokens.IsRefreshTokenExpired(Now.AddDays(60)).ShouldBeTrue();
    }

    [Fact]
    public void An_access_token_needs_a_refresh_from_five_minutes_before_its_expiry()
    {
        var tokens = TokenSet.Issued("access", "refresh", 7200, Now);

        tokens.NeedsRefresh(Now.AddHours(2).AddMinutes(-5).AddTicks(-1)).ShouldBeFalse();
        tokens.NeedsRefresh(Now.AddHours(2).AddMinutes(-5)).ShouldBeTrue();
    }

    [Fact]
    public void Printing_a_token_set_never_shows_the_tokens()
    {
        var tokens = TokenSet.Issued("secret-access-value", "secret-refresh-value", 7200, Now);

        tokens.ToString().ShouldNotContain("secret-access-value");
        tokens.ToString().ShouldNotContain("secret-refresh-value");
        $"{tokens}".ShouldContain("AccessTokenExpiresAt");
    }
}
