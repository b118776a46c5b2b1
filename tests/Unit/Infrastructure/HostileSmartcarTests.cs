using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>
/// The app's real Smartcar clients, as DI builds them, against a small WireMock.Net server that plays a broken or
/// hostile Smartcar: its vehicle lists never end, repeat themselves or link backwards. Every listing stays bounded.
/// </summary>
public sealed class HostileSmartcarTests : IDisposable
{
    private const string V2Vehicles = "/v2.0/vehicles";
    private const string V3Connections = "/v3/connections";

    private readonly WireMockServer _smartcar = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-hostile-").FullName;
    private ServiceProvider? _app;

    // Before these rules a listing never ended; the token makes such a test fail instead of hanging.
    private readonly CancellationTokenSource _patience = new(TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_vehicle_count_of_int_MaxValue_stops_after_500_vehicles()
    {
        AnswerV2((offset, limit) => V2Page(Enumerable.Range(offset, limit).Select(i => $"v-{i}"), int.MaxValue, offset));

        var list = await ListV2Async();

        (list.Ids.Count, list.CutShort).ShouldBe((500, ListingCut.TooManyVehicles));
        Requests(V2Vehicles).ShouldBe(10, "500 vehicles are 10 pages of 50");
    }

    [Fact]
    public async Task Pages_that_never_end_stop_after_the_configured_number_of_pages()
    {
        AnswerV2((offset, _) => V2Page([$"v-{offset}"], int.MaxValue, offset));

        var list = await ListV2Async(new() { ["Smartcar:Limits:MaxPages"] = "3" });

        list.Ids.ShouldBe(["v-0", "v-1", "v-2"]);
        list.CutShort.ShouldBe(ListingCut.TooManyPages);
        Requests(V2Vehicles).ShouldBe(3);
    }

    [Fact]
    public async Task A_page_that_repeats_the_vehicles_already_read_stops_the_listing()
    {
        AnswerV2((offset, _) => V2Page(["v-1", "v-2"], int.MaxValue, offset));

        var list = await ListV2Async();

        list.Ids.ShouldBe(["v-1", "v-2"]);
        list.CutShort.ShouldBe(ListingCut.NotAdvancing);
        Requests(V2Vehicles).ShouldBe(2);
    }

    [Fact]
    public async Task A_page_for_another_offset_than_the_one_asked_for_stops_the_listing()
    {
        AnswerV2((offset, _) => V2Page([$"v-{offset}"], int.MaxValue, offset: 0));

        var list = await ListV2Async();

        list.Ids.ShouldBe(["v-0"]);
        list.CutShort.ShouldBe(ListingCut.NotAdvancing);
        Requests(V2Vehicles).ShouldBe(2);
    }

    [Fact]
    public async Task Duplicate_vehicle_ids_are_dropped()
    {
        AnswerV2((offset, _) => V2Page(["v-1", "v-1", "v-2"], 3, offset));

        var list = await ListV2Async();

        list.Ids.ShouldBe(["v-1", "v-2"]);
        list.CutShort.ShouldBeNull();
    }

    [Fact]
    public async Task A_next_link_back_to_the_same_page_stops_the_listing()
    {
        AnswerV3(page => V3Page([$"v-{page}"], next: $"/connections?page[number]={page}&page[size]=100"));

        var list = await ListV3Async();

        list.Ids.ShouldBe(["v-1"]);
        list.CutShort.ShouldBe(ListingCut.NotAdvancing);
        Requests(V3Connections).ShouldBe(1);
    }

    [Fact]
    public async Task A_next_link_repeated_word_for_word_stops_the_listing()
    {
        AnswerV3(page => V3Page([$"v-{page}"], next: "/connections?cursor=again"));

        var list = await ListV3Async();

        list.Ids.ShouldBe(["v-1", "v-2"]);
        list.CutShort.ShouldBe(ListingCut.NotAdvancing);
        Requests(V3Connections).ShouldBe(2);
    }

    [Fact]
    public async Task Next_links_that_never_end_stop_after_20_pages()
    {
        AnswerV3(page => V3Page([$"v-{page}"], next: $"/connections?page[number]={page + 1}&page[size]=100"));

        var list = await ListV3Async();

        (list.Ids.Count, list.CutShort).ShouldBe((20, ListingCut.TooManyPages));
        Requests(V3Connections).ShouldBe(20);
    }

    [Theory]
    [InlineData("{\"vehicles\":[\"v-1\"]}")]
    [InlineData("{\"paging\":{\"count\":1,\"offset\":0}}")]
    [InlineData("<html>Bad gateway</html>")]
    public async Task A_list_in_another_shape_than_documented_is_an_api_error_not_a_crash(string body)
    {
        _smartcar.Given(Request.Create().WithPath(V2Vehicles).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

        var error = await Should.ThrowAsync<SmartcarApiException>(() => ListV2Async());

        error.Description.ShouldBe("Smartcar's answer could not be read. Please try again later.");
    }

    [Fact]
    public async Task Empty_vehicle_ids_are_dropped()
    {
        AnswerV2((offset, _) => new { vehicles = new[] { "v-1", null, "" }, paging = new { count = 3, offset } });

        (await ListV2Async()).Ids.ShouldBe(["v-1"]);
    }

    [Fact]
    public async Task A_v3_page_without_data_is_an_api_error_not_a_crash()
    {
        AnswerV3(_ => new { links = new { next = (string?)null } });

        var error = await Should.ThrowAsync<SmartcarApiException>(() => ListV3Async());

        error.Description.ShouldBe("Smartcar's answer could not be read. Please try again later.");
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("{\"data\":[")]
    public async Task A_v3_page_that_is_not_json_is_an_api_error_not_a_crash(string body)
    {
        _smartcar.Given(Request.Create().WithPath(V3Connections).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

        var error = await Should.ThrowAsync<SmartcarApiException>(() => ListV3Async());

        error.Description.ShouldBe("Smartcar's answer could not be read. Please try again later.");
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("{}")]
    [InlineData("{\"data\":null}")]
    [InlineData("{\"data\":{\"type\":\"vehicle\",\"id\":\"v-1\"}}")]
    [InlineData("{\"data\":{\"type\":\"vehicle\",\"attributes\":{\"make\":\"TESLA\",\"model\":\"Model 3\",\"year\":2021}}}")]
    public async Task A_v3_vehicle_without_data_or_attributes_is_an_api_error_not_a_crash(string body)
    {
        _smartcar.Given(Request.Create().WithPath("/v3/vehicles/v-1").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(body));

        var error = await Should.ThrowAsync<SmartcarApiException>(
            () => App().GetRequiredService<ISmartcarApiV3>().GetVehicleAsync("app-token", "user-1", "v-1", _patience.Token));

        error.Description.ShouldBe("Smartcar's answer could not be read. Please try again later.");
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    public async Task An_error_answer_that_is_not_json_is_an_unknown_api_error_with_its_status_reason_and_retry_after(string api)
    {
        // 429: an error no retry repeats.
        _smartcar.Given(Request.Create().WithPath(V2Vehicles, V3Connections).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "7").WithBody("<html>Slow down</html>"));

        var error = await Should.ThrowAsync<SmartcarApiException>(() => api == "v2" ? ListV2Async() : ListV3Async());

        (error.StatusCode, error.Type, error.ErrorCode, error.Description).ShouldBe((429, "UNKNOWN", (string?)null, "Too Many Requests"));
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
    }

    [Theory]
    [InlineData("v2", "{\"type\":\"PERMISSION\",\"code\":null,\"description\":\"No permission.\",\"suggestedUserMessage\":\"Connect again.\",\"resolution\":{\"type\":\"REAUTHENTICATE\"}}")]
    [InlineData("v3", "{\"errors\":[{\"status\":\"403\",\"type\":\"PERMISSION\",\"detail\":\"No permission.\",\"suggestedUserMessage\":\"Connect again.\",\"resolution\":{\"type\":\"REAUTHENTICATE\"}}]}")]
    public async Task Each_apis_error_body_gives_the_same_error_fields(string api, string body)
    {
        _smartcar.Given(Request.Create().WithPath(V2Vehicles, V3Connections).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json").WithBody(body));

        var error = await Should.ThrowAsync<SmartcarApiException>(() => api == "v2" ? ListV2Async() : ListV3Async());

        (error.StatusCode, error.Type, error.Description, error.SuggestedUserMessage, error.Resolution)
            .ShouldBe((403, "PERMISSION", "No permission.", "Connect again.", "REAUTHENTICATE"));
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("v3")]
    public async Task An_answer_of_json_null_is_an_api_error_not_a_crash(string api)
    {
        _smartcar.Given(Request.Create().WithPath(V2Vehicles, V3Connections).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody("null"));

        var error = await Should.ThrowAsync<SmartcarApiException>(() => api == "v2" ? ListV2Async() : ListV3Async());

        (error.StatusCode, error.Type, error.Description).ShouldBe((200, "SDK_ERROR", "Empty response body."));
    }

    [Fact]
    public async Task The_limits_refuse_to_start_when_not_positive()
    {
        var app = App(new() { ["Smartcar:Limits:MaxVehicles"] = "0" });

        var refused = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(
            () => app.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmartcarLimits>>().Value);

        refused.Message.ShouldContain("Smartcar:Limits");
    }

    private void AnswerV2(Func<int, int, object> page) =>
        _smartcar.Given(Request.Create().WithPath(V2Vehicles).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                var query = QueryHelpers.ParseQuery(new Uri(request.AbsoluteUrl).Query);
                return JsonSerializer.Serialize(page(int.Parse(query["offset"]!, CultureInfo), int.Parse(query["limit"]!, CultureInfo)));
            }));

    private void AnswerV3(Func<int, object> page) =>
        _smartcar.Given(Request.Create().WithPath(V3Connections).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                var query = QueryHelpers.ParseQuery(new Uri(request.AbsoluteUrl).Query);
                return JsonSerializer.Serialize(page(int.Parse(query["page[number]"]!, CultureInfo)));
            }));

    private static System.Globalization.CultureInfo CultureInfo => System.Globalization.CultureInfo.InvariantCulture;

    private static object V2Page(IEnumerable<string> ids, int count, int offset) =>
        new { vehicles = ids, paging = new { count, offset } };

    private static object V3Page(IEnumerable<string> ids, string? next) => new
    {
        data = ids.Select(id => new { type = "connection", relationships = new { vehicle = new { data = new { type = "vehicle", id } } } }),
        links = new { next },
    };

    private Task<VehicleIdList> ListV2Async(Dictionary<string, string?>? settings = null) =>
        App(settings).GetRequiredService<ISmartcarApi>().ListVehicleIdsAsync("token", _patience.Token);

    private Task<VehicleIdList> ListV3Async() =>
        App().GetRequiredService<ISmartcarApiV3>().ListConnectedVehicleIdsAsync("app-token", "user-1", _patience.Token);

    private int Requests(string path) => _smartcar.LogEntries.Count(e => e.RequestMessage?.Path == path);

    private ServiceProvider App(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smartcar:ApiBaseUrl"] = _smartcar.Url,
            ["Smartcar:VehicleApiBaseUrl"] = _smartcar.Url,
        }).AddInMemoryCollection(settings ?? []).Build();
        return _app = new ServiceCollection().AddLogging().AddInfrastructure(configuration, _dataDirectory).BuildServiceProvider();
    }

    public void Dispose()
    {
        _patience.Dispose();
        _app?.Dispose();
        _smartcar.Stop();
        _smartcar.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
