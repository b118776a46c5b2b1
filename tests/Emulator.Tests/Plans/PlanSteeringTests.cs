using System.Net;
using System.Text;
using SmartcarClean.Emulator.Plans;
using SmartcarClean.Emulator.Testing;

namespace SmartcarClean.Emulator.Tests.Plans;

/// <summary>The plan from the settings, switched at run time (C# and <c>/_emulator/plan</c>), and shown on the admin page.</summary>
public sealed class PlanSteeringTests : IDisposable
{
    private readonly List<EmulatorDriver> _drivers = [];

    public void Dispose() => _drivers.ForEach(d => d.Dispose());

    [Fact]
    public async Task The_settings_plan_is_in_force_from_the_start_and_again_after_reset()
    {
        var driver = Start(o => o.VehicleRequestsPerMonth = 1);
        driver.Emulator.Plan.VehicleRequestsPerMonth.ShouldBe(1);
        var (token, vehicleId) = await driver.ConnectVehicleAsync();
        (await OdometerAsync(driver, token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        ((int)(await OdometerAsync(driver, token, vehicleId)).StatusCode).ShouldBe(430);

        driver.Emulator.SetPlan(Plan.Unlimited);
        (await OdometerAsync(driver, token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK);

        driver.Emulator.Reset();
        driver.Emulator.Plan.ShouldBe(new Plan { VehicleRequestsPerMonth = 1 });
        (token, vehicleId) = await driver.ConnectVehicleAsync();
        (await OdometerAsync(driver, token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK, "reset forgets the month's count");
        ((int)(await OdometerAsync(driver, token, vehicleId)).StatusCode).ShouldBe(430);
    }

    [Fact]
    public async Task The_steering_api_puts_reads_and_deletes_the_plan()
    {
        var driver = Start();
        var (token, vehicleId) = await driver.ConnectVehicleAsync();

        var put = await SendJsonAsync(driver, HttpMethod.Put, "/_emulator/plan",
            """{"vehicleRequestsPerMonth":500,"applicationRequestBucket":120,"applicationBucketRefillSeconds":30,"vehicleRequestsPerWindow":1,"vehicleThrottleWindowSeconds":45}""");

        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        driver.Emulator.Plan.ShouldBe(new Plan
        {
            VehicleRequestsPerMonth = 500,
            ApplicationRequestBucket = 120,
            ApplicationBucketRefill = TimeSpan.FromSeconds(30),
            VehicleRequestsPerWindow = 1,
            VehicleThrottleWindow = TimeSpan.FromSeconds(45),
        });
        (await OdometerAsync(driver, token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await OdometerAsync(driver, token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        var plan = await EmulatorDriver.JsonAsync(await driver.Http.GetAsync("/_emulator/plan"));
        plan.GetProperty("plan").GetProperty("vehicleRequestsPerMonth").GetInt32().ShouldBe(500);
        plan.GetProperty("plan").GetProperty("vehicleThrottleWindowSeconds").GetDouble().ShouldBe(45);
        var usage = plan.GetProperty("vehicles").EnumerateArray().Single();
        usage.GetProperty("vehicleId").GetString().ShouldBe(vehicleId);
        usage.GetProperty("requestsThisMonth").GetInt32().ShouldBe(1);
        usage.GetProperty("throttleCalls").GetInt32().ShouldBe(1);
        plan.GetProperty("buckets").EnumerateArray().Single().GetProperty("left").GetInt32().ShouldBe(118);

        (await driver.Http.DeleteAsync("/_emulator/plan")).StatusCode.ShouldBe(HttpStatusCode.OK);
        driver.Emulator.Plan.ShouldBe(Plan.Unlimited);
        (await OdometerAsync(driver, token, vehicleId)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_put_replaces_the_whole_plan_and_fields_left_out_are_off()
    {
        var driver = Start(o => o.VehicleRequestsPerMonth = 3);

        (await SendJsonAsync(driver, HttpMethod.Put, "/_emulator/plan", """{"vehicleRequestsPerWindow":5}""")).StatusCode.ShouldBe(HttpStatusCode.OK);

        driver.Emulator.Plan.ShouldBe(new Plan { VehicleRequestsPerWindow = 5 });
    }

    [Theory]
    [InlineData("""{"vehicleRequestsPerMonth":0}""", "VehicleRequestsPerMonth must be a whole number of 1 or more")]
    [InlineData("""{"vehicleRequestsPerWindow":"five"}""", "vehicleRequestsPerWindow must be a whole number")]
    [InlineData("""{"applicationRequestBucket":10,"applicationBucketRefillSeconds":0}""", "ApplicationBucketRefill must be at least one second")]
    [InlineData("[]", "must be a JSON object")]
    public async Task A_bad_plan_is_400_and_changes_nothing(string json, string message)
    {
        var driver = Start(o => o.VehicleRequestsPerMonth = 3);

        var response = await SendJsonAsync(driver, HttpMethod.Put, "/_emulator/plan", json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await EmulatorDriver.JsonAsync(response)).GetProperty("message").GetString()!.ShouldContain(message);
        driver.Emulator.Plan.ShouldBe(new Plan { VehicleRequestsPerMonth = 3 });
    }

    [Fact]
    public async Task The_plan_is_guarded_like_every_steering_operation()
    {
        var driver = Start();
        using var foreign = new HttpRequestMessage(HttpMethod.Put, "/_emulator/plan")
        {
            Content = new StringContent("""{"vehicleRequestsPerMonth":1}""", Encoding.UTF8, "application/json"),
        };
        foreign.Headers.Add("Origin", "https://evil.example");

        (await driver.Http.SendAsync(foreign)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await driver.Http.PutAsync("/_emulator/plan", new StringContent("""{"vehicleRequestsPerMonth":1}""", Encoding.UTF8, "text/plain")))
            .StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        driver.Emulator.Plan.ShouldBe(Plan.Unlimited);
    }

    [Fact]
    public async Task The_admin_page_shows_each_vehicles_requests_this_month_and_its_throttle()
    {
        var driver = Start(o =>
        {
            o.VehicleRequestsPerMonth = 500;
            o.VehicleRequestsPerWindow = 2;
        });
        var (token, vehicleId) = await driver.ConnectVehicleAsync();
        await OdometerAsync(driver, token, vehicleId);
        await OdometerAsync(driver, token, vehicleId);
        await OdometerAsync(driver, token, vehicleId); // throttled: not counted

        var page = await driver.GetPageAsync("/_emulator");

        page.ShouldContain("Plan");
        page.ShouldContain(vehicleId);
        page.ShouldContain("2 of 500");
        page.ShouldContain("throttled until 2026-01-15T09:01:00");

        driver.Emulator.AdvanceClock(TimeSpan.FromMinutes(1));
        page = await driver.GetPageAsync("/_emulator");
        page.ShouldContain("<td>0 of 2</td>", customMessage: "the window has ended");
        page.ShouldContain("2 of 500");
    }

    [Fact]
    public void A_plan_out_of_range_is_refused_in_csharp_too()
    {
        var driver = Start();

        Should.Throw<ArgumentException>(() => driver.Emulator.SetPlan(new Plan { VehicleRequestsPerWindow = -1 }))
            .Message.ShouldStartWith("VehicleRequestsPerWindow must be a whole number of 1 or more");
        Should.Throw<ArgumentException>(() => SmartcarEmulator.Start(new EmulatorOptions { VehicleThrottleWindow = TimeSpan.Zero }))
            .Message.ShouldStartWith("VehicleThrottleWindow must be at least one second");
    }

    private EmulatorDriver Start(Action<EmulatorOptions>? configure = null)
    {
        var driver = new EmulatorDriver(configure ?? (_ => { }));
        _drivers.Add(driver);
        return driver;
    }

    private static Task<HttpResponseMessage> OdometerAsync(EmulatorDriver driver, string token, string vehicleId) =>
        driver.GetApiAsync($"/v2.0/vehicles/{vehicleId}/odometer", token);

    private static async Task<HttpResponseMessage> SendJsonAsync(EmulatorDriver driver, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return await driver.Http.SendAsync(request);
    }
}
