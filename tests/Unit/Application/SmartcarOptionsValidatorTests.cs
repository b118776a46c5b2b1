using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartcarClean.Application;
using SmartcarClean.Application.Options;

namespace SmartcarClean.Unit.Application;

public sealed class SmartcarOptionsValidatorTests
{
    [Fact]
    public void Good_settings_pass() => Validate(Options()).Succeeded.ShouldBeTrue();

    [Fact]
    public void No_redirect_uri_is_allowed_so_smartcar_uses_the_applications_default() =>
        Validate(Options(redirectUri: "")).Succeeded.ShouldBeTrue();

    [Theory]
    [InlineData("http://myapp.com/exchange", "Smartcar:RedirectUri 'http://myapp.com/exchange' is not a redirect URI Smartcar accepts: http:// is allowed only for localhost")]
    [InlineData("exchange", "Smartcar:RedirectUri 'exchange' is not a redirect URI Smartcar accepts: A redirect URI must be an absolute URI")]
    public void A_redirect_uri_smartcar_would_refuse_names_the_setting_and_the_rule(string redirectUri, string message) =>
        Validate(Options(redirectUri: redirectUri)).FailureMessage.ShouldNotBeNull().ShouldContain(message);

    [Fact]
    public void Missing_credentials_and_an_unknown_mode_are_each_named()
    {
        var result = Validate(Options(clientId: "", clientSecret: "", mode: "production"));

        result.Failures.ShouldBe(
        [
            "Smartcar:ClientId is required (SMARTCAR_CLIENT_ID).",
            "Smartcar:ClientSecret is required (SMARTCAR_CLIENT_SECRET).",
            "Smartcar:Mode 'production' must be one of live, test, simulated.",
        ]);
    }

    [Fact]
    public void Allowed_modes_must_be_modes_smartcar_knows_and_include_the_configured_mode()
    {
        var options = Options(mode: "test");
        options.AllowedModes.Add("simulated");
        options.AllowedModes.Add("production");

        Validate(options).Failures.ShouldBe(
        [
            "Smartcar:AllowedModes 'production' must be one of live, test, simulated.",
            "Smartcar:AllowedModes must include Smartcar:Mode 'test'.",
        ]);
    }

    [Fact]
    public void Allowed_modes_that_include_the_configured_mode_pass()
    {
        var options = Options(mode: "test");
        options.AllowedModes.Add("test");
        options.AllowedModes.Add("simulated");

        Validate(options).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void A_javascript_sdk_popup_redirect_for_the_apps_origin_passes()
    {
        var options = Options();
        options.PopupRedirectUri = "https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000";
        options.ConnectInPopup = true;

        Validate(options).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("https://myapp.com/popup", "must be the JavaScript SDK redirect page")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000/home", "app_origin must be an origin only")]
    [InlineData("https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:9000", "app_origin 'http://localhost:9000' must be the app's own origin")]
    public void A_popup_redirect_uri_that_cannot_reach_this_app_names_the_rule(string popupRedirectUri, string message)
    {
        var options = Options();
        options.PopupRedirectUri = popupRedirectUri;

        Validate(options).FailureMessage.ShouldNotBeNull().ShouldContain(message);
    }

    [Fact]
    public void Connect_in_a_popup_by_default_needs_its_redirect_page() =>
        Validate(new SmartcarOptions { ClientId = "client", ClientSecret = "secret", ConnectInPopup = true })
            .FailureMessage.ShouldNotBeNull().ShouldContain("Smartcar:ConnectInPopup needs Smartcar:PopupRedirectUri");

    private static SmartcarOptions Options(
        string clientId = "client", string clientSecret = "secret", string redirectUri = "http://localhost:8000/exchange", string mode = "test") =>
        new() { ClientId = clientId, ClientSecret = clientSecret, RedirectUri = redirectUri, Mode = mode };

    private static ValidateOptionsResult Validate(SmartcarOptions options)
    {
        using var services = new ServiceCollection().AddApplication().BuildServiceProvider();
        return services.GetRequiredService<IValidateOptions<SmartcarOptions>>().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
    }
}
