using FluentValidation;
using SmartcarClean.Application.Connect.ExchangeCode;

namespace SmartcarClean.Unit.Application;

public sealed class ExchangeCodeValidatorTests : IDisposable
{
    private readonly HandlerTestHost _host = new();

    [Theory]
    [InlineData("", "http://localhost:8000/exchange", "Code")]
    [InlineData("code", "", "RedirectUri")]
    [InlineData("code", "not a uri", "RedirectUri")]
    public async Task Bad_input_gives_a_field_error_and_never_reaches_smartcar(string code, string redirectUri, string field)
    {
        var exception = await Should.ThrowAsync<ValidationException>(() => _host.SendAsync(new ExchangeCode(code, redirectUri)));

        exception.Errors.ShouldContain(e => e.PropertyName == field);
        _host.Smartcar.Exchanges.ShouldBeEmpty();
    }

    [Fact]
    public void Printing_the_request_never_shows_the_code() =>
        new ExchangeCode("the-code", "http://localhost:8000/exchange").ToString().ShouldNotContain("the-code");

    public void Dispose() => _host.Dispose();
}
