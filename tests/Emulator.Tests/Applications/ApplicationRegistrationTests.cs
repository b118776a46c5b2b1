using System.Net;
using SmartcarClean.Emulator.Applications;
using SmartcarClean.Emulator.Hosting;
using SmartcarClean.Emulator.Testing;
using SmartcarClean.Emulator.World;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Applications;

public sealed class ApplicationRegistrationTests : IDisposable
{
    private const string NewClientId = "4a1b01e5-0497-417c-a30e-6df6ba33ba46";
    private readonly EmulatorDriver _driver = new();

    private SmartcarWorld World => _driver.Emulator.World;

    public void Dispose() => _driver.Dispose();

    [Fact]
    public async Task A_registered_application_can_connect_at_once()
    {
        var result = World.RegisterApplication(new RegisteredApplication(NewClientId, "s3cret", ["https://app.example.com/cb"]));

        result.Succeeded.ShouldBeTrue();
        result.Application!.DefaultRedirectUri.ShouldBe("https://app.example.com/cb");
        var location = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(clientId: NewClientId, redirectUri: null));
        location.GetLeftPart(UriPartial.Path).ShouldBe("https://app.example.com/cb");
    }

    [Fact]
    public void Registering_an_existing_client_id_replaces_it()
    {
        World.RegisterApplication(new RegisteredApplication(ClientId, "rotated", ["https://new.example.com/cb"])).Succeeded.ShouldBeTrue();

        var app = World.FindApplication(ClientId)!;
        app.ClientSecret.ShouldBe("rotated");
        app.RedirectUris.ShouldBe(["https://new.example.com/cb"]);
        World.Applications.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("", "secret", "https://a.example.com", "needs a client id")]
    [InlineData("has space", "secret", "https://a.example.com", "needs a client id")]
    [InlineData(NewClientId, "", "https://a.example.com", "needs a client secret")]
    [InlineData(NewClientId, "secret", null, "needs at least one redirect URI")]
    [InlineData(NewClientId, "secret", "http://example.com/cb", "http:// is allowed only on localhost")]
    [InlineData(NewClientId, "secret", "scother://cb", "a custom scheme must be sc" + NewClientId)]
    public void Invalid_applications_are_refused_with_the_rule(string clientId, string secret, string? redirectUri, string rule)
    {
        var result = World.RegisterApplication(new RegisteredApplication(clientId, secret, redirectUri is null ? [] : [redirectUri]));

        result.Failure.ShouldBe(RegistrationFailure.InvalidInput);
        result.Error.ShouldNotBeNull().ShouldContain(rule);
        World.FindApplication(clientId).ShouldBeNull();
    }

    [Fact]
    public void Duplicate_redirect_uris_and_a_foreign_default_are_refused()
    {
        World.RegisterApplication(new RegisteredApplication(NewClientId, "s", ["https://a.example.com", "https://a.example.com"]))
            .Error.ShouldNotBeNull().ShouldContain("lists a redirect URI twice");
        World.RegisterApplication(new RegisteredApplication(NewClientId, "s", ["https://a.example.com"]) { DefaultRedirectUri = "https://b.example.com" })
            .Error.ShouldNotBeNull().ShouldContain("is not one of its redirect URIs");
    }

    [Fact]
    public async Task An_added_redirect_uri_is_accepted_by_Connect_and_the_default_stays()
    {
        var result = World.AddRedirectUri(ClientId, "sc" + ClientId + "://callback");

        result.Succeeded.ShouldBeTrue();
        result.Application!.RedirectUris.ShouldBe([RedirectUri, "http://localhost:8000/second", "sc" + ClientId + "://callback"]);
        result.Application.DefaultRedirectUri.ShouldBe(RedirectUri);
        var location = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(redirectUri: "sc" + ClientId + "://callback"));
        location.OriginalString.ShouldStartWith("sc" + ClientId + "://callback?code=");
    }

    [Fact]
    public void Adding_an_invalid_or_existing_redirect_uri()
    {
        World.AddRedirectUri(ClientId, "http://example.com/cb").Error.ShouldNotBeNull().ShouldContain("only on localhost");
        World.AddRedirectUri(ClientId, RedirectUri).Application!.RedirectUris.Count.ShouldBe(2);
        World.AddRedirectUri("no-such-client", "https://a.example.com").Failure.ShouldBe(RegistrationFailure.UnknownApplication);
    }

    [Fact]
    public async Task The_default_redirect_uri_can_be_changed_and_Connect_uses_it()
    {
        World.SetDefaultRedirectUri(ClientId, "http://localhost:8000/second").Succeeded.ShouldBeTrue();

        var location = await _driver.ConnectAsync(authorizeUrl: AuthorizeUrl(redirectUri: null));

        location.GetLeftPart(UriPartial.Path).ShouldBe("http://localhost:8000/second");
        World.FindApplication(ClientId)!.RedirectUris[0].ShouldBe(RedirectUri); // the order is kept
    }

    [Fact]
    public void Only_a_registered_redirect_uri_can_be_the_default()
    {
        World.SetDefaultRedirectUri(ClientId, "https://elsewhere.example.com").Error.ShouldNotBeNull().ShouldContain("add it first");
        World.SetDefaultRedirectUri("no-such-client", RedirectUri).Failure.ShouldBe(RegistrationFailure.UnknownApplication);
        World.FindApplication(ClientId)!.DefaultRedirectUri.ShouldBe(RedirectUri);
    }

    [Fact]
    public void Applications_survive_a_reset()
    {
        World.RegisterApplication(new RegisteredApplication(NewClientId, "s", ["https://a.example.com"]));

        _driver.Emulator.Reset();

        World.FindApplication(NewClientId).ShouldNotBeNull();
    }

    [Fact]
    public void Invalid_startup_applications_stop_the_emulator_from_starting()
    {
        var options = new EmulatorOptions();
        options.Applications.Add(new RegisteredApplication(NewClientId, "s", ["http://example.com/cb"]));

        Should.Throw<ArgumentException>(() => SmartcarEmulator.Start(options)).Message.ShouldContain("only on localhost");

        options.Applications[0] = new RegisteredApplication(NewClientId, "s", ["https://a.example.com"]);
        options.Applications.Add(new RegisteredApplication(NewClientId, "t", ["https://b.example.com"]));
        Should.Throw<ArgumentException>(() => SmartcarEmulator.Start(options)).Message.ShouldContain("registered twice");
    }

    [Fact]
    public void The_applications_file_reads_an_optional_default()
    {
        var apps = ApplicationsFile.Parse("""
            {"applications":[{"clientId":"a","clientSecret":"s","redirectUris":["https://x.example.com","https://y.example.com"],
             "defaultRedirectUri":"https://y.example.com"},
             {"clientId":"b","clientSecret":"s","redirectUris":["http://localhost:1/cb"]}]}
            """, "test.json");

        apps[0].DefaultRedirectUri.ShouldBe("https://y.example.com");
        apps[1].DefaultRedirectUri.ShouldBe("http://localhost:1/cb");
    }

    [Theory]
    [InlineData("{", "test.json is not valid JSON")]
    [InlineData("{}", "test.json has no \"applications\" array")]
    [InlineData("null", "test.json has no \"applications\" array")]
    public void An_unusable_applications_file_is_named_in_the_error(string json, string message) =>
        Should.Throw<InvalidDataException>(() => ApplicationsFile.Parse(json, "test.json")).Message.ShouldContain(message);

    [Fact]
    public void The_shipped_applications_file_is_valid()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "applications.json");

        var options = new EmulatorOptions();
        foreach (var app in ApplicationsFile.Load(path))
        {
            options.Applications.Add(app);
        }

        using var emulator = SmartcarEmulator.Start(options);
        emulator.World.FindApplication(ClientId).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_redirect_uri_removed_by_replacing_the_application_is_refused_by_Connect()
    {
        World.RegisterApplication(new RegisteredApplication(ClientId, ClientSecret, ["https://new.example.com/cb"]));

        var response = await _driver.Http.GetAsync(AuthorizeUrl());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("400: Unauthorized redirect_uri");
    }
}
