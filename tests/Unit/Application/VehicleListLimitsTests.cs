using SmartcarClean.Application.VehicleData;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;
using SmartcarClean.Application.Vehicles.RefreshVehicleAttributes;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// Reading the cars' make, model and year (when connecting, and on "Refresh") against a broken or hostile Smartcar: a
/// bounded number of calls at once, one deadline for the whole request, and whatever was read kept, with a line saying
/// what is missing and why.
/// </summary>
public sealed class VehicleListLimitsTests : IDisposable
{
    private readonly HandlerTestHost _host = new();

    [Fact]
    public async Task A_listing_cut_short_keeps_the_cars_read_and_the_refresh_says_why()
    {
        AddVehicles(3);
        _host.Smartcar.ListCutShort = ListingCut.TooManyVehicles;
        await _host.ConnectAsync();

        var outcome = await _host.SendAsync(new RefreshVehicleAttributes());

        SmartcarErrorMessages.For(outcome.Problems.ShouldHaveSingleItem()).ShouldBe("Smartcar's answer kept going past 500 cars; showing the first 4.");
        var connection = (await _host.SendAsync(new GetVehicleAttributes())).Connections.ShouldHaveSingleItem();
        connection.Vehicles.Count.ShouldBe(4);
        connection.ReconnectNeeded.ShouldBeFalse();
    }

    [Fact]
    public async Task At_most_8_calls_to_smartcar_run_at_once_when_connecting()
    {
        AddVehicles(29);
        _host.Smartcar.AttributesGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var connect = _host.ConnectAsync();
        await HandlerTestHost.WaitUntilAsync(() => _host.Smartcar.AttributesInFlight >= 8);
        await Task.Delay(200);
        _host.Smartcar.AttributesGate.SetResult();
        await connect.WaitAsync(TimeSpan.FromSeconds(10));

        (await _host.SendAsync(new GetVehicleAttributes())).Connections[0].Vehicles.Count.ShouldBe(30);
        _host.Smartcar.MostAttributesInFlight.ShouldBe(8);
    }

    [Fact]
    public async Task After_the_deadline_a_connect_keeps_every_car_and_the_ones_not_read_show_so()
    {
        AddVehicles(2);
        _host.Smartcar.AttributesGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Smartcar.HeldVehicles.Add("v-3");

        var connect = _host.ConnectAsync();
        await HandlerTestHost.WaitUntilAsync(() => _host.Smartcar.AttributesInFlight == 1 && _host.Smartcar.ApiCalls.Count(c => c.StartsWith("attributes", StringComparison.Ordinal)) == 3);
        _host.Time.Advance(TimeSpan.FromSeconds(20));
        await connect.WaitAsync(TimeSpan.FromSeconds(10));

        var connection = (await _host.SendAsync(new GetVehicleAttributes())).Connections.ShouldHaveSingleItem();
        connection.Vehicles.Select(v => (v.Id, v.Description is null)).ShouldBe([("v-1", false), ("v-2", false), ("v-3", true)], ignoreOrder: true);
        connection.ReconnectNeeded.ShouldBeFalse();
        RefreshMessages.NotRead(connection.NotReadYet).ShouldBe("The make, model and year of 1 car could not be read yet. Press Refresh to try again.");
    }

    // v-1 is there already; adds v-2 and so on.
    private void AddVehicles(int count)
    {
        for (var i = 2; i < count + 2; i++)
        {
            _host.Smartcar.Vehicles[$"v-{i}"] = new VehicleAttributes($"v-{i}", "TESLA", "Model Y", 2022);
        }
    }

    public void Dispose() => _host.Dispose();
}
