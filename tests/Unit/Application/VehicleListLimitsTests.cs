using SmartcarClean.Application.VehicleData;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// The vehicle list against a broken or hostile Smartcar: a bounded number of calls at once, one deadline for the
/// whole page, and whatever was read shown with a line saying what is missing and why.
/// </summary>
public sealed class VehicleListLimitsTests : IDisposable
{
    private readonly HandlerTestHost _host = new();

    [Fact]
    public async Task A_listing_cut_short_shows_the_cars_read_and_says_why()
    {
        AddVehicles(3);
        _host.Smartcar.ListCutShort = ListingCut.TooManyVehicles;
        await _host.ConnectAsync();

        var connection = (await _host.SendAsync(new GetVehicleAttributes())).Connections.ShouldHaveSingleItem();

        connection.Vehicles.Count.ShouldBe(4);
        connection.ReconnectNeeded.ShouldBeFalse();
        SmartcarErrorMessages.For(connection.Problem.ShouldNotBeNull()).ShouldBe("Smartcar's answer kept going past 500 cars; showing the first 4.");
    }

    [Fact]
    public async Task At_most_8_calls_to_smartcar_run_at_once()
    {
        AddVehicles(29);
        await _host.ConnectAsync();
        _host.Smartcar.AttributesGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var overview = _host.SendAsync(new GetVehicleAttributes());
        await HandlerTestHost.WaitUntilAsync(() => _host.Smartcar.AttributesInFlight >= 8);
        await Task.Delay(200);
        _host.Smartcar.AttributesGate.SetResult();

        (await overview.WaitAsync(TimeSpan.FromSeconds(10))).Connections[0].Vehicles.Count.ShouldBe(30);
        _host.Smartcar.MostAttributesInFlight.ShouldBe(8);
    }

    [Fact]
    public async Task After_the_page_deadline_the_cars_read_by_then_are_shown_with_a_problem_line()
    {
        AddVehicles(2);
        await _host.ConnectAsync();
        _host.Smartcar.AttributesGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Smartcar.HeldVehicles.Add("v-3");

        var overview = _host.SendAsync(new GetVehicleAttributes());
        await HandlerTestHost.WaitUntilAsync(() => _host.Smartcar.AttributesInFlight == 1 && _host.Smartcar.ApiCalls.Count(c => c.StartsWith("attributes", StringComparison.Ordinal)) == 3);
        _host.Time.Advance(TimeSpan.FromSeconds(20));

        var connection = (await overview.WaitAsync(TimeSpan.FromSeconds(10))).Connections.ShouldHaveSingleItem();
        connection.Vehicles.Select(v => v.Id).ShouldBe(["v-1", "v-2"], ignoreOrder: true);
        connection.ReconnectNeeded.ShouldBeFalse();
        SmartcarErrorMessages.For(connection.Problem.ShouldNotBeNull()).ShouldBe("Smartcar took longer than 20 seconds to answer; showing the 2 cars read.");
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
