using Microsoft.AspNetCore.WebUtilities;
using SmartcarClean.Application.Common;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Application.Connect.StartConnect;
using SmartcarClean.Application.Vehicles.GetVehicleAttributes;

namespace SmartcarClean.Unit.Application;

public sealed class GetVehicleAttributesTests : IDisposable
{
    private readonly HandlerTestHost _host = new();

    [Fact]
    public async Task Lists_every_vehicle_with_its_make_model_and_year_using_the_stored_access_token()
    {
        _host.Smartcar.Vehicles["v-2"] = new VehicleAttributes("v-2", "CHEVROLET", "Volt", 2018);
        await ConnectAsync();

        var overview = await _host.SendAsync(new GetVehicleAttributes());

        var connection = overview.Connections.ShouldHaveSingleItem();
        connection.ReconnectNeeded.ShouldBeFalse();
        connection.Vehicles.ShouldBe(
            [new VehicleAttributes("v-1", "TESLA", "Model 3", 2021), new VehicleAttributes("v-2", "CHEVROLET", "Volt", 2018)],
            ignoreOrder: true);
        _host.Smartcar.ApiCalls.ShouldContain("attributes v-2 access-1");
    }

    [Fact]
    public async Task Shows_nothing_of_another_browsers_connections()
    {
        await ConnectAsync();
        _host.User.Id = "browser-b";

        var overview = await _host.SendAsync(new GetVehicleAttributes());

        overview.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task An_expired_access_token_asks_for_a_reconnect_without_calling_smartcar()
    {
        await ConnectAsync();
        _host.Smartcar.ApiCalls.Clear();
        _host.Time.Advance(TimeSpan.FromHours(2));

        var overview = await _host.SendAsync(new GetVehicleAttributes());

        overview.Connections.ShouldHaveSingleItem().ReconnectNeeded.ShouldBeTrue();
        _host.Smartcar.ApiCalls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_smartcar_no_longer_accepts_asks_for_a_reconnect()
    {
        await ConnectAsync();
        _host.Smartcar.ApiFailure = new SmartcarApiException(401, "AUTHENTICATION", null, "Invalid token");

        var overview = await _host.SendAsync(new GetVehicleAttributes());

        overview.Connections.ShouldHaveSingleItem().ReconnectNeeded.ShouldBeTrue();
    }

    private async Task ConnectAsync()
    {
        var url = await _host.SendAsync(new StartConnect());
        var state = QueryHelpers.ParseQuery(url.Query)["state"].ToString();
        (await _host.SendAsync(new HandleRedirect("code-1", state, null, null))).Succeeded.ShouldBeTrue();
    }

    public void Dispose() => _host.Dispose();
}
