using System.Net;
using SmartcarClean.Emulator.Steering;
using SmartcarClean.Emulator.Steering.Faults;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Steering;

/// <summary>The C# steering operations on <see cref="SmartcarEmulator"/>.</summary>
public sealed class SteeringTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    private SmartcarEmulator Emulator => _driver.Emulator;

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task A_seeded_user_gets_exactly_the_seeded_vehicles_at_Connect()
    {
        var seeded = Emulator.SeedUser("fleet@example.com",
            new SeededVehicle("FORD", "F-150 Lightning", 2023, "1FTVW1EL5NWG00001"),
            new SeededVehicle("tesla", "Model Y", 2022));

        var tokens = await _driver.ConnectWithScopesAsync("read_vehicle_info read_vin", "fleet@example.com", brand: "BMW");

        var list = await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken));
        list.GetProperty("vehicles").EnumerateArray().Select(v => v.GetString()).ShouldBe(seeded.Vehicles.Select(v => v.Id));
        var ford = await JsonAsync(await _driver.GetApiAsync($"/v2.0/vehicles/{seeded.Vehicles[0].Id}/vin", tokens.AccessToken));
        ford.GetProperty("vin").GetString().ShouldBe("1FTVW1EL5NWG00001");
        seeded.Vehicles[1].Make.ShouldBe("TESLA");
        seeded.Vehicles[1].Vin.Length.ShouldBe(17);
    }

    [Fact]
    public void Seeding_rejects_bad_input_and_an_existing_email()
    {
        Should.Throw<ArgumentException>(() => Emulator.SeedUser("not-an-email", new SeededVehicle("FORD", "F-150", 2022)));
        Should.Throw<ArgumentException>(() => Emulator.SeedUser("a@example.com"));
        Should.Throw<ArgumentException>(() => Emulator.SeedUser("a@example.com", new SeededVehicle("DELOREAN", "DMC-12", 1981)))
            .Message.ShouldContain("TESLA");
        Should.Throw<ArgumentException>(() => Emulator.SeedUser("a@example.com", new SeededVehicle("FORD", "F-150", 1800)));
        Should.Throw<ArgumentException>(() => Emulator.SeedUser("a@example.com", new SeededVehicle("FORD", "F-150", 2022, "SHORT")));

        Emulator.SeedUser("a@example.com", new SeededVehicle("FORD", "F-150", 2022));
        Should.Throw<InvalidOperationException>(() => Emulator.SeedUser("A@example.com", new SeededVehicle("FORD", "F-150", 2022)));
    }

    [Fact]
    public async Task Advancing_the_clock_expires_codes_and_access_tokens()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();
        var code = await _driver.GetCodeAsync();

        Emulator.AdvanceClock(TimeSpan.FromHours(2));

        Emulator.Clock.Offset.ShouldBe(TimeSpan.FromHours(2));
        Emulator.Clock.GetUtcNow().ShouldBe(_driver.Clock.GetUtcNow() + TimeSpan.FromHours(2));
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _driver.ExchangeCodeAsync(code)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _driver.RefreshAsync(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void The_clock_works_on_top_of_the_system_clock_and_never_runs_backwards()
    {
        var clock = new AdjustableClock(TimeProvider.System);

        clock.Advance(TimeSpan.FromDays(1));

        (clock.GetUtcNow() - DateTimeOffset.UtcNow).ShouldBeGreaterThan(TimeSpan.FromHours(23));
        Should.Throw<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task An_expired_access_token_is_401_and_an_expired_refresh_token_is_invalid_grant()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();

        Emulator.ExpireToken(tokens.AccessToken);
        Emulator.ExpireToken(tokens.RefreshToken);

        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var refresh = await JsonAsync(await _driver.RefreshAsync(tokens.RefreshToken));
        refresh.GetProperty("error").GetString().ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task A_revoked_token_stops_working_and_others_keep_working()
    {
        var tokens = await _driver.ConnectAndExchangeAsync();

        Emulator.RevokeToken(tokens.RefreshToken);

        (await _driver.RefreshAsync(tokens.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        Emulator.RevokeToken(tokens.AccessToken);
        (await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoking_a_grant_kills_every_token_issued_from_it_but_not_other_grants()
    {
        var first = await _driver.ConnectAndExchangeAsync();
        var rotated = TokenResponse.From(await JsonAsync(await _driver.RefreshAsync(first.RefreshToken)));
        var other = await _driver.ConnectAndExchangeAsync("someone-else@example.com");

        Emulator.RevokeGrant(rotated.AccessToken);

        (await _driver.GetApiAsync("/v2.0/vehicles", first.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _driver.GetApiAsync("/v2.0/vehicles", rotated.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await _driver.RefreshAsync(rotated.RefreshToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _driver.GetApiAsync("/v2.0/vehicles", other.AccessToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void Unknown_tokens_are_an_error_that_does_not_echo_the_token()
    {
        Should.Throw<ArgumentException>(() => Emulator.ExpireToken("secret-token-1234")).Message.ShouldNotContain("secret-token");
        Should.Throw<ArgumentException>(() => Emulator.RevokeToken("nope"));
        Should.Throw<ArgumentException>(() => Emulator.RevokeGrant("nope"));
    }

    [Fact]
    public async Task Reset_also_clears_faults_and_the_clock_offset()
    {
        Emulator.AdvanceClock(TimeSpan.FromDays(3));
        Emulator.FailNext("GET", "/v2.0/*", Fault.Server());

        Emulator.Reset();

        Emulator.Clock.GetUtcNow().ShouldBe(_driver.Clock.GetUtcNow());
        Emulator.PendingFaults.ShouldBeEmpty();
        (await _driver.GetApiAsync("/v2.0/vehicles", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
