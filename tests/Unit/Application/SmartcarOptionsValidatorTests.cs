using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartcarClean.Application;
using SmartcarClean.Application.Common;

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

    private static SmartcarOptions Options(
        string clientId = "client", string clientSecret = "secret", string redirectUri = "http://localhost:8000/exchange", string mode = "test") =>
        new() { ClientId = clientId, ClientSecret = clientSecret, RedirectUri = redirectUri, Mode = mode };

    private static ValidateOptionsResult Validate(SmartcarOptions options)
    {
        using var services = new ServiceCollection().AddApplication().BuildServiceProvider();
        return services.GetRequiredService<IValidateOptions<SmartcarOptions>>().Validate(Microsoft.Extensions.Options.Options.DefaultName, options);
    }
}
