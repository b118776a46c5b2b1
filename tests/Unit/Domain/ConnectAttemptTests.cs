using SmartcarClean.Domain.Connect;

namespace SmartcarClean.Unit.Domain;

public sealed class ConnectAttemptTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void State_carries_at_least_128_random_bits_and_is_url_safe()
    {
        var states = Enumerable.Range(0, 1000).Select(_ => ConnectAttempt.NewState()).ToList();

        states.Distinct().Count().ShouldBe(1000);
        foreach (var state in states)
        {
            // base64url: 6 bits per character.
            (state.Length * 6).ShouldBeGreaterThanOrEqualTo(128);
            state.ShouldMatch("^[A-Za-z0-9_-]+$");
        }
    }

    [Fact]
    public void A_state_is_accepted_once_and_then_reported_as_reused()
    {
        var attempt = ConnectAttempt.Start("user-1", "session-1", "http://localhost:8000/exchange", Start);

        attempt.Redeem(Start.AddMinutes(1)).ShouldBe(StateCheck.Accepted);
        attempt.Redeem(Start.AddMinutes(2)).ShouldBe(StateCheck.Reused);
        attempt.UsedAt.ShouldBe(Start.AddMinutes(1));
    }

    [Fact]
    public void A_state_is_good_until_just_before_ten_minutes()
    {
        var attempt = ConnectAttempt.Start("user-1", "session-1", "http://localhost:8000/exchange", Start);

        attempt.Redeem(Start.AddMinutes(10).AddTicks(-1)).ShouldBe(StateCheck.Accepted);
    }

    [Fact]
    public void A_state_is_expired_at_exactly_ten_minutes()
    {
        var attempt = ConnectAttempt.Start("user-1", "session-1", "http://localhost:8000/exchange", Start);

        attempt.ExpiresAt.ShouldBe(Start.AddMinutes(10));
        attempt.Redeem(Start.AddMinutes(10)).ShouldBe(StateCheck.Expired);
        attempt.UsedAt.ShouldBeNull();
    }

    [Theory]
    [InlineData("user-1", "session-1", true)]
    [InlineData("user-1", "session-2", false)]
    [InlineData("user-2", "session-1", false)]
    [InlineData("user-2", "session-2", false)]
    public void A_state_belongs_only_to_the_same_user_in_the_same_session(string ownerId, string sessionId, bool belongs)
    {
        var attempt = ConnectAttempt.Start("user-1", "session-1", "http://localhost:8000/exchange", Start);

        attempt.BelongsTo(ownerId, sessionId).ShouldBe(belongs);
    }

    [Theory]
    [InlineData("", "session-1")]
    [InlineData("user-1", "")]
    public void An_attempt_needs_an_owner_and_a_session(string ownerId, string sessionId) =>
        Should.Throw<ArgumentException>(() => ConnectAttempt.Start(ownerId, sessionId, null, Start));

    [Theory]
    [InlineData("access_denied", ConnectError.AccessDenied)]
    [InlineData("vehicle_incompatible", ConnectError.VehicleIncompatible)]
    [InlineData("invalid_subscription", ConnectError.InvalidSubscription)]
    [InlineData("no_vehicles", ConnectError.NoVehicles)]
    [InlineData("configuration_error", ConnectError.ConfigurationError)]
    [InlineData("server_error", ConnectError.ServerError)]
    [InlineData("something_new", ConnectError.Unknown)]
    [InlineData(null, ConnectError.Unknown)]
    public void Connect_errors_are_recognised_by_their_documented_codes(string? code, ConnectError expected) =>
        ConnectErrors.Parse(code).ShouldBe(expected);
}
