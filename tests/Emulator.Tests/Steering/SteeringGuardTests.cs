using System.Net;
using System.Text;
using SmartcarClean.Emulator.Testing;

namespace SmartcarClean.Emulator.Tests.Steering;

/// <summary>
/// /_emulator answers only what a developer on this machine sends: JSON bodies, a loopback Host (DNS rebinding) and
/// no other site's Origin (cross-site requests from a browser), over real HTTP.
/// </summary>
public sealed class SteeringGuardTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "seconds=7200")]
    [InlineData("text/plain", "{\"seconds\":7200}")]
    [InlineData("multipart/form-data; boundary=x", "--x--")]
    public async Task A_body_that_is_not_json_is_415_and_changes_nothing(string contentType, string body)
    {
        using var request = Post("/_emulator/clock/advance", body, contentType);

        var response = await _driver.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await EmulatorDriver.JsonAsync(response)).GetProperty("message").GetString()!.ShouldContain("application/json");
        _driver.Emulator.Clock.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8010")]
    [InlineData("127.0.0.1.evil.example")]
    [InlineData("localhost.evil.example")]
    public async Task A_host_that_is_not_loopback_is_refused_with_a_sentence(string host)
    {
        using var advance = Post("/_emulator/clock/advance", "{\"seconds\":7200}");
        advance.Headers.Host = host;
        using var page = new HttpRequestMessage(HttpMethod.Get, "/_emulator");
        page.Headers.Host = host;

        var advanced = await _driver.Http.SendAsync(advance);
        var shown = await _driver.Http.SendAsync(page);

        advanced.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await EmulatorDriver.JsonAsync(advanced)).GetProperty("message").GetString()!.ShouldContain("localhost");
        shown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _driver.Emulator.Clock.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:8010")]
    [InlineData("127.0.0.1:1234")]
    [InlineData("[::1]:8010")]
    public async Task A_loopback_host_with_any_port_is_served(string host)
    {
        using var request = Post("/_emulator/clock/advance", "{\"seconds\":60}");
        request.Headers.Host = host;

        var response = await _driver.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://localhost:1")]
    public async Task Another_sites_origin_is_403(string origin)
    {
        using var request = Post("/_emulator/reset", "{}");
        request.Headers.Add("Origin", origin);
        _driver.Emulator.AdvanceClock(TimeSpan.FromHours(1));

        var response = await _driver.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await EmulatorDriver.JsonAsync(response)).GetProperty("message").GetString()!.ShouldContain(origin);
        _driver.Emulator.Clock.Offset.ShouldBe(TimeSpan.FromHours(1), "the refused reset did nothing");
    }

    [Fact]
    public async Task The_emulators_own_origin_and_no_origin_at_all_are_served()
    {
        using var sameOrigin = Post("/_emulator/clock/advance", "{\"seconds\":60}");
        sameOrigin.Headers.Add("Origin", _driver.Emulator.BaseUrl);
        using var withoutOrigin = Post("/_emulator/clock/advance", "{\"seconds\":60}");

        (await _driver.Http.SendAsync(sameOrigin)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.Http.SendAsync(withoutOrigin)).StatusCode.ShouldBe(HttpStatusCode.OK);
        _driver.Emulator.Clock.Offset.ShouldBe(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Bodiless_operations_like_curls_post_still_work()
    {
        (await _driver.Http.PostAsync("/_emulator/reset", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _driver.Http.DeleteAsync("/_emulator/faults")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static HttpRequestMessage Post(string path, string body, string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }
}
