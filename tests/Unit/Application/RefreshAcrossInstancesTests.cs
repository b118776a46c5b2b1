using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.Vehicles.RefreshVehicleAttributes;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// One refresh per connection whatever the number of app instances (ADR-013): two instances with memories of their own
/// on one SQLite file, one Smartcar, one clock. The refresh lease is on the connection's row.
/// </summary>
public sealed class RefreshAcrossInstancesTests : IDisposable
{
    private readonly HandlerTestHost _first = new();
    private readonly HandlerTestHost _second;

    public RefreshAcrossInstancesTests() => _second = _first.AnotherInstance();

    [Fact]
    public async Task Requests_on_two_instances_at_once_share_one_refresh_and_use_the_stored_fresh_token()
    {
        await _first.ConnectAsync();
        _first.Smartcar.ApiCalls.Clear();
        _first.Time.Advance(TimeSpan.FromHours(3));
        _first.Smartcar.RefreshGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = Enumerable.Range(0, 20)
            .Select(i => (i % 2 == 0 ? _first : _second).SendAsync(new RefreshVehicleAttributes())).ToList();
        await HandlerTestHost.WaitUntilAsync(() => _first.Smartcar.Refreshes.Count > 0);
        await Task.Delay(300); // time for a second refresh to start, if the instances did not share one
        _first.Smartcar.RefreshGate.SetResult();
        var outcomes = await Task.WhenAll(requests);

        _first.Smartcar.Refreshes.ShouldBe(["refresh-1"]);
        outcomes.ShouldAllBe(o => o.ReconnectNeeded == 0);
        _first.Smartcar.ApiCalls.Where(c => c.StartsWith("attributes", StringComparison.Ordinal))
            .ShouldAllBe(c => c.EndsWith("access-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lease_left_by_a_stopped_instance_is_waited_for_then_taken_over_and_the_refresh_completed()
    {
        await _first.ConnectAsync();
        _first.Time.Advance(TimeSpan.FromHours(3));
        var connectionId = await _first.QueryDbAsync(db => db.Connections.Select(c => c.Id).SingleAsync());
        // An instance took the lease and stopped before storing Smartcar's answer.
        await _first.QueryDbAsync(db => db.Connections.ExecuteUpdateAsync(c => c
            .SetProperty(x => EF.Property<Guid?>(x, RefreshLeaseColumns.Holder), Guid.NewGuid())
            .SetProperty(x => EF.Property<DateTimeOffset?>(x, RefreshLeaseColumns.Until), _first.Time.GetUtcNow() + RefreshLeases.LeaseFor)));

        var request = _second.SendAsync(new RefreshVehicleAttributes());
        await Task.Delay(500);
        _first.Smartcar.Refreshes.ShouldBeEmpty("the lease has not run out: its holder may still store the answer");
        request.IsCompleted.ShouldBeFalse();

        _first.Time.Advance(RefreshLeases.LeaseFor);
        var outcome = await request.WaitAsync(TimeSpan.FromSeconds(10));

        outcome.ReconnectNeeded.ShouldBe(0);
        _first.Smartcar.Refreshes.ShouldBe(["refresh-1"]);
        var stored = await _first.QueryDbAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId));
        stored.Tokens.AccessToken.ShouldBe("access-2");
        var leaseHolder = await _first.QueryDbAsync(db => db.Connections.Select(c => EF.Property<Guid?>(c, RefreshLeaseColumns.Holder)).SingleAsync());
        leaseHolder.ShouldBeNull("the lease is given back once the tokens are stored");
    }

    [Fact]
    public async Task Tokens_stored_by_another_instance_are_used_without_asking_smartcar()
    {
        await _first.ConnectAsync();
        _first.Time.Advance(TimeSpan.FromHours(3));
        (await _first.SendAsync(new RefreshVehicleAttributes())).ReconnectNeeded.ShouldBe(0);
        _first.Smartcar.ApiCalls.Clear();

        (await _second.SendAsync(new RefreshVehicleAttributes())).ReconnectNeeded.ShouldBe(0);

        _first.Smartcar.Refreshes.ShouldBe(["refresh-1"]);
        _first.Smartcar.ApiCalls.Where(c => c.StartsWith("attributes", StringComparison.Ordinal))
            .ShouldAllBe(c => c.EndsWith("access-2", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }
}
