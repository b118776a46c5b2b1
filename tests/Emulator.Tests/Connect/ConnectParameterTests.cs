using System.Net;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Connect;

/// <summary>Every /oauth/authorize parameter: what is accepted, and a 400 page without redirect for each bad value.</summary>
public sealed class ConnectParameterTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    // The first occurrence of a parameter wins, so a bad one put first overrides AuthorizeUrl's own.
    private static string With(string parameter, string? authorizeUrl = null) =>
        (authorizeUrl ?? AuthorizeUrl()).Replace("/oauth/authorize?", $"/oauth/authorize?{parameter}&", StringComparison.Ordinal);

    [Theory]
    [InlineData("response_type=token", "response_type")]
    [InlineData("response_type=vehicle_id", "response_type")]
    [InlineData("response_type=", "response_type")]
    [InlineData("mode=TEST", "mode")]
    [InlineData("approval_prompt=", "approval_prompt")]
    [InlineData("scope=required:", "scope")]
    [InlineData("scope=read_odometer%20required:", "scope")]
    [InlineData("scope=read%3Aodometer", "scope")]
    [InlineData("scope=read_odometer%0A", "scope")]
    [InlineData("make=", "make")]
    [InlineData("single_select=yes", "single_select")]
    [InlineData("single_select_vin=0SCAUDI037A5ADB1C", "single_select_vin")]
    [InlineData("single_select=false&single_select_vin=0SCAUDI037A5ADB1C", "single_select_vin")]
    [InlineData("single_select=true&single_select_vin=SHORTVIN", "single_select_vin")]
    [InlineData("single_select=true&single_select_vin=0SCAUDI037A5ADB1-", "single_select_vin")]
    [InlineData("flags=country", "flags")]
    [InlineData("flags=country:", "flags")]
    [InlineData("flags=:DE", "flags")]
    [InlineData("flags=country:DE%20country:FR", "flags")]
    public async Task Bad_values_are_400_pages_naming_the_parameter(string parameter, string name)
    {
        var page = await _driver.BadRequestPageAsync(With(parameter));

        page.ShouldContain($"400: Invalid parameter {name}");
    }

    [Fact]
    public async Task Missing_response_type_is_refused()
    {
        var page = await _driver.BadRequestPageAsync(AuthorizeUrl().Replace("response_type=code&", "", StringComparison.Ordinal));

        page.ShouldContain("400: Invalid parameter response_type");
    }

    [Theory]
    [InlineData("client_id=")]
    [InlineData("client_id=not-registered")]
    public async Task Unknown_client_id_is_a_400_page(string parameter)
    {
        var page = await _driver.BadRequestPageAsync(With(parameter));

        page.ShouldContain("400: Invalid parameter client_id");
    }

    [Fact]
    public async Task Missing_client_and_application_id_is_a_400_page()
    {
        var url = AuthorizeUrl().Replace($"client_id={ClientId}&", "", StringComparison.Ordinal);

        (await _driver.BadRequestPageAsync(url)).ShouldContain("400: Invalid parameter client_id");
    }

    [Fact]
    public async Task Client_id_and_application_id_that_disagree_are_a_400_page() =>
        (await _driver.BadRequestPageAsync(With($"application_id={OtherClientId}"))).ShouldContain("400: Invalid parameter client_id");

    [Fact]
    public async Task Redirect_uri_of_another_application_is_unauthorized() =>
        (await _driver.BadRequestPageAsync(AuthorizeUrl(redirectUri: OtherRedirectUri))).ShouldContain("400: Unauthorized redirect_uri");

    [Fact]
    public async Task Client_and_redirect_uri_are_checked_before_anything_else()
    {
        var page = await _driver.BadRequestPageAsync(With("mode=bad", AuthorizeUrl(redirectUri: "https://evil.example.com")));

        page.ShouldContain("400: Unauthorized redirect_uri");
    }

    [Theory]
    [InlineData("mode=live")]
    [InlineData("mode=simulated")]
    [InlineData("approval_prompt=force")]
    [InlineData("single_select=false")]
    [InlineData("flags=country:DE%20color:00819D")]
    [InlineData("user=owner-42")]
    [InlineData("external_id=unknown-parameters-are-ignored")]
    [InlineData("scope=")]
    public async Task Valid_values_show_the_preamble(string parameter)
    {
        var response = await _driver.Http.GetAsync(With(parameter));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("id=\"continue-button\"");
    }

    [Fact]
    public async Task Parameters_reach_the_session()
    {
        var url = With("single_select=true&single_select_vin=0scaudi037a5adb1c&flags=country:DE%20color:00819D&user=owner-42&approval_prompt=force");

        var session = _driver.Emulator.World.FindSession(LatestSessionId(await _driver.GetPageAsync(url)))!;
        session.Request.SingleSelect.ShouldBeTrue();
        session.Request.SingleSelectVin.ShouldBe("0SCAUDI037A5ADB1C");
        session.Request.Flags.ShouldBe(new Dictionary<string, string> { ["country"] = "DE", ["color"] = "00819D" });
        session.Request.User.ShouldBe("owner-42");
        session.Request.ForceApproval.ShouldBeTrue();
        session.Request.Scopes.ShouldBe(["read_vehicle_info", "read_odometer"]);
        session.Request.RequiredScopes.ShouldBe(["read_vehicle_info"]);
    }

    [Fact]
    public async Task Omitted_scope_asks_for_read_vehicle_info()
    {
        var url = AuthorizeUrl().Replace("scope=required%3Aread_vehicle_info%20read_odometer&", "", StringComparison.Ordinal);

        var permissions = await _driver.PermissionsPageAsync(url, "someone@example.com");

        permissions.ShouldContain("<ul id=\"permission-list\"><li>read_vehicle_info</li></ul>");
    }

    [Fact]
    public async Task Make_selects_the_brand_and_the_brand_list_searches()
    {
        var preamble = await _driver.GetPageAsync(AuthorizeUrl(make: "tesla"));
        preamble.ShouldContain("/login\"");

        var brands = await _driver.GetPageAsync(FormActionOf(await _driver.GetPageAsync(AuthorizeUrl())));
        brands.ShouldContain("<input id=\"brand-search\" type=\"search\"");
        brands.ShouldContain("addEventListener('input'");
    }

    [Fact]
    public async Task Unknown_step_and_bad_decision()
    {
        var signIn = await _driver.SignInAsync(AuthorizeUrl(), "a@example.com");
        var sessionPath = signIn.Headers.Location!.OriginalString.Replace("permissions", "", StringComparison.Ordinal);

        (await _driver.Http.GetAsync(sessionPath + "nowhere")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var decision = await _driver.PostFormAsync(sessionPath + "decision", ("decision", "maybe"));
        decision.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        decision.Headers.Location.ShouldBeNull();
        (await decision.Content.ReadAsStringAsync()).ShouldContain("400: Invalid parameter decision");
    }

    private static string LatestSessionId(string preamble) =>
        System.Text.RegularExpressions.Regex.Match(preamble, "/connect/([^/]+)/").Groups[1].Value;

    private static string FormActionOf(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "action=\"([^\"]+)\"").Groups[1].Value);
}
