using FluentValidation;
using Microsoft.AspNetCore.WebUtilities;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Application.Connect.StartConnect;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// HandleRedirect's two steps that exchange the code, ExchangeCode and LinkSmartcarUser: internal services, no longer
/// requests, that still refuse a code in a shape Connect never sends, whoever calls them.
/// </summary>
public sealed class ExchangeCodeTests : IDisposable
{
    private readonly HandlerTestHost _host = new();

    [Theory]
    [InlineData("exchange", "", "http://localhost:8000/exchange", "Code")]
    [InlineData("exchange", "code", "", "RedirectUri")]
    [InlineData("exchange", "code", "not a uri", "RedirectUri")]
    [InlineData("link", "", "http://localhost:8000/exchange", "Code")]
    [InlineData("link", "code", "", "RedirectUri")]
    [InlineData("link", "code", "not a uri", "RedirectUri")]
    public async Task Bad_input_gives_a_field_error_and_never_reaches_smartcar(string step, string code, string redirectUri, string field)
    {
        var input = new AuthorizationCode(code, redirectUri);

        var exception = await Should.ThrowAsync<ValidationException>(() => step == "exchange"
            ? _host.RunStepAsync<ExchangeCode, Guid>(exchange => exchange.RunAsync(input, CancellationToken.None))
            : _host.RunStepAsync<LinkSmartcarUser, bool>(link => link.RunAsync(input, "sc-user-1", CancellationToken.None)));

        exception.Errors.ShouldContain(e => e.PropertyName == field);
        _host.Smartcar.Exchanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_code_longer_than_any_Connect_sends_is_refused_at_the_redirect_and_never_reaches_smartcar()
    {
        var url = (await _host.SendAsync(new StartConnect())).Url;
        var state = QueryHelpers.ParseQuery(url.Query)["state"].ToString();

        var exception = await Should.ThrowAsync<ValidationException>(
            () => _host.SendAsync(new HandleRedirect(new string('c', 257), state, null, null)));

        exception.Errors.ShouldContain(e => e.PropertyName == "Code");
        _host.Smartcar.Exchanges.ShouldBeEmpty();
    }

    [Fact]
    public void Printing_the_code_never_shows_it() =>
        new AuthorizationCode("the-code", "http://localhost:8000/exchange").ToString().ShouldNotContain("the-code");

    public void Dispose() => _host.Dispose();
}
