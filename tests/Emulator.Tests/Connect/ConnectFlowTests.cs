using System.Net;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Connect;

public sealed class ConnectFlowTests : IDisposable
{
    private readonly EmulatorDriver _driver = new();

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task Happy_path_from_authorize_to_vehicle_attributes()
    {
        var location = await _driver.ConnectAsync(brand: "CHEVROLET");

        location.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        var query = QueryOf(location);
        Guid.TryParse(query["code"], out _).ShouldBeTrue();
        Guid.TryParse(query["user_id"], out _).ShouldBeTrue();
        query["state"].ShouldBe("state-123");

        var exchange = await _driver.ExchangeCodeAsync(query["code"]);
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = TokenResponse.From(await JsonAsync(exchange));
        tokens.TokenType.ShouldBe("Bearer");
        tokens.ExpiresIn.ShouldBe(7200);

        var vehicles = await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken));
        vehicles.GetProperty("paging").GetProperty("count").GetInt32().ShouldBe(1);
        var vehicleId = vehicles.GetProperty("vehicles")[0].GetString()!;

        var attributes = await _driver.GetApiAsync($"/v2.0/vehicles/{vehicleId}/", tokens.AccessToken);
        attributes.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(attributes);
        body.GetProperty("id").GetString().ShouldBe(vehicleId);
        body.GetProperty("make").GetString().ShouldBe("CHEVROLET");
        body.GetProperty("model").GetString().ShouldBe("Volt");
        body.GetProperty("year").GetInt32().ShouldBe(2018);
    }

    [Fact]
    public async Task Pages_carry_the_real_Connect_element_ids()
    {
        var preamble = await _driver.GetPageAsync(AuthorizeUrl());
        preamble.ShouldContain("<button id=\"continue-button\"");
        preamble.ShouldContain("<title>");

        var sessionPath = System.Text.RegularExpressions.Regex.Match(preamble, "/connect/[^/]+/").Value;
        var brands = await _driver.GetPageAsync(sessionPath + "brands");
        foreach (var make in new[] { "TESLA", "CHEVROLET", "FORD", "BMW", "TOYOTA", "AUDI", "NISSAN", "HYUNDAI" })
        {
            brands.ShouldContain($"id=\"{make}\" class=\"brand-list-item\"");
        }

        brands.ShouldContain("<input id=\"brand-search\"");
        brands.ShouldContain("<label for=\"brand-search\">");

        var login = await _driver.GetPageAsync(sessionPath + "login?make=TESLA");
        login.ShouldContain("<label for=\"username\">Email</label>");
        login.ShouldContain("<input id=\"username\" name=\"username\" type=\"email\"");
        login.ShouldContain("<label for=\"password\">Password</label>");
        login.ShouldContain("<input id=\"password\" name=\"password\" type=\"password\"");
        login.ShouldContain("<button id=\"sign-in-button\" type=\"submit\">Sign in</button>");

        var signIn = await _driver.PostFormAsync(sessionPath + "login", ("username", "a@b.com"), ("password", "x"));
        var permissions = await _driver.GetPageAsync(signIn.Headers.Location!.OriginalString);
        permissions.ShouldContain("class=\"page-content\"");
        permissions.ShouldContain("<li>read_vehicle_info</li>");
        permissions.ShouldContain("<li>read_odometer</li>");
        permissions.ShouldNotContain("required:");
        permissions.ShouldContain("<button id=\"approval-button\"");
        permissions.ShouldContain("<button id=\"deny-button\"");
    }

    [Fact]
    public async Task Pages_are_html_with_utf8()
    {
        var response = await _driver.Http.GetAsync(AuthorizeUrl());

        response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
    }

    [Fact]
    public async Task Make_parameter_skips_the_brand_page()
    {
        var location = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(make: "FORD"), brand: "ignored");

        var tokens = TokenResponse.From(await JsonAsync(await _driver.ExchangeCodeAsync(QueryOf(location)["code"])));
        var vehicles = await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", tokens.AccessToken));
        var id = vehicles.GetProperty("vehicles")[0].GetString();
        var attributes = await JsonAsync(await _driver.GetApiAsync($"/v2.0/vehicles/{id}", tokens.AccessToken));
        attributes.GetProperty("make").GetString().ShouldBe("FORD");
    }

    [Fact]
    public async Task Deny_redirects_with_access_denied_and_the_state()
    {
        var location = await _driver.ConnectAsync(allow: false);

        location.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        var query = QueryOf(location);
        query["error"].ShouldBe("access_denied");
        query["error_description"].ShouldBe("User denied access to application.");
        query["state"].ShouldBe("state-123");
        query.ShouldNotContainKey("code");
    }

    [Fact]
    public async Task Unknown_client_id_is_a_400_page_without_redirect()
    {
        var response = await _driver.Http.GetAsync(AuthorizeUrl(clientId: "client_01KRQFQKMXYQK09HJ9TCRGDTE3"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync()).ShouldContain("400: Invalid parameter client_id");
    }

    [Fact]
    public async Task Unregistered_redirect_uri_is_a_400_page_without_redirect()
    {
        var response = await _driver.Http.GetAsync(AuthorizeUrl(redirectUri: "http://localhost:8000/exchange/"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await response.Content.ReadAsStringAsync()).ShouldContain("400: Unauthorized redirect_uri");
    }

    [Theory]
    [InlineData("response_type=token", "response_type")]
    [InlineData("mode=production", "mode")]
    [InlineData("approval_prompt=sometimes", "approval_prompt")]
    [InlineData("make=DELOREAN", "make")]
    public async Task Invalid_parameters_are_400_pages_naming_the_parameter(string parameter, string name)
    {
        // The first occurrence of a parameter wins, so put the bad one first.
        var url = AuthorizeUrl().Replace("/oauth/authorize?", $"/oauth/authorize?{parameter}&", StringComparison.Ordinal);

        var response = await _driver.Http.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain($"400: Invalid parameter {name}");
    }

    [Fact]
    public async Task Application_id_is_accepted_like_client_id_and_redirect_uri_defaults_to_the_first()
    {
        var url = AuthorizeUrl(redirectUri: null).Replace("client_id=", "application_id=", StringComparison.Ordinal);

        var location = await _driver.ConnectAsync(authorizeUrl: url);

        location.GetLeftPart(UriPartial.Path).ShouldBe(RedirectUri);
        (await _driver.ExchangeCodeAsync(QueryOf(location)["code"])).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Redirect_uri_with_a_query_gets_parameters_appended_with_an_ampersand()
    {
        var url = AuthorizeUrl(clientId: OtherClientId, redirectUri: OtherRedirectUri);

        var location = await _driver.ConnectAsync(authorizeUrl: url);

        location.OriginalString.ShouldStartWith(OtherRedirectUri + "&code=");
        QueryOf(location)["tenant"].ShouldBe("7");
    }

    [Theory]
    [InlineData("a+b/c=")]
    [InlineData("eyJpbnN0YW5jZUlkIjoiYWJjIn0=")]
    [InlineData("with space & ampersand?é")]
    public async Task State_round_trips_byte_for_byte(string state)
    {
        var location = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(state: state));

        QueryOf(location)["state"].ShouldBe(state);
        if (state == "a+b/c=")
        {
            location.Query.ShouldContain("state=a%2Bb%2Fc%3D");
        }
    }

    [Fact]
    public async Task Echoed_values_are_html_encoded()
    {
        var url = AuthorizeUrl(scope: "<script>alert(1)</script>");
        var location = await _driver.Http.GetAsync(url);
        var preamble = await location.Content.ReadAsStringAsync();
        var sessionPath = System.Text.RegularExpressions.Regex.Match(preamble, "/connect/[^/]+/").Value;
        await _driver.GetPageAsync(sessionPath + "login?make=TESLA");
        var signIn = await _driver.PostFormAsync(sessionPath + "login", ("username", "a@b.com"), ("password", "x"));

        var permissions = await _driver.GetPageAsync(signIn.Headers.Location!.OriginalString);

        permissions.ShouldNotContain("<script>alert");
        permissions.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    [Fact]
    public async Task Same_email_is_the_same_user_with_the_same_vehicles()
    {
        var first = await _driver.ConnectAndExchangeAsync("owner@example.com");
        var second = await _driver.ConnectAndExchangeAsync("OWNER@example.com");

        var firstVehicles = (await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", first.AccessToken))).GetProperty("vehicles").ToString();
        var secondVehicles = (await JsonAsync(await _driver.GetApiAsync("/v2.0/vehicles", second.AccessToken))).GetProperty("vehicles").ToString();
        secondVehicles.ShouldBe(firstVehicles);

        var user = await JsonAsync(await _driver.GetApiAsync("/v2.0/user", second.AccessToken));
        user.GetProperty("id").GetString().ShouldBe(_driver.Emulator.World.FindUserByEmail("owner@example.com")!.Id);
    }

    [Fact]
    public async Task User_id_in_the_redirect_is_the_api_user()
    {
        var location = await _driver.ConnectAsync("someone@example.com");
        var tokens = TokenResponse.From(await JsonAsync(await _driver.ExchangeCodeAsync(QueryOf(location)["code"])));

        var user = await JsonAsync(await _driver.GetApiAsync("/v2.0/user/", tokens.AccessToken));

        user.GetProperty("id").GetString().ShouldBe(QueryOf(location)["user_id"]);
    }

    // What the server-side flow relies on to prove who connected (ADR-007): a code names its own session's user only.
    [Fact]
    public async Task Each_code_exchanges_for_a_token_of_the_user_of_its_own_Connect_session()
    {
        var mine = QueryOf(await _driver.ConnectAsync("me@example.com"));
        var theirs = QueryOf(await _driver.ConnectAsync("them@example.com"));

        foreach (var redirect in new[] { mine, theirs })
        {
            var tokens = TokenResponse.From(await JsonAsync(await _driver.ExchangeCodeAsync(redirect["code"])));
            var user = await JsonAsync(await _driver.GetApiAsync("/v2.0/user", tokens.AccessToken));
            user.GetProperty("id").GetString().ShouldBe(redirect["user_id"]);
        }

        mine["user_id"].ShouldNotBe(theirs["user_id"]);
    }

    [Fact]
    public async Task Unknown_connect_session_is_a_400_page()
    {
        var response = await _driver.Http.GetAsync("/connect/not-a-session/brands");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Empty_credentials_re_render_the_login_and_deep_links_past_a_step_are_refused()
    {
        var preamble = await _driver.GetPageAsync(AuthorizeUrl(extra: "approval_prompt=force"));
        var sessionPath = System.Text.RegularExpressions.Regex.Match(preamble, "/connect/[^/]+/").Value;

        var tooEarly = await _driver.Http.GetAsync(sessionPath + "permissions");
        tooEarly.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await _driver.GetPageAsync(sessionPath + "login?make=BMW");
        var empty = await _driver.PostFormAsync(sessionPath + "login", ("username", ""), ("password", ""));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("id=\"sign-in-button\"");
    }
}
