using SmartcarClean.Infrastructure.Identity;
using SmartcarClean.Unit.Web;

namespace SmartcarClean.Unit.Infrastructure;

/// <summary>The list of the most common passwords that registering and changing the password refuse.</summary>
public sealed class CommonPasswordTests
{
    [Fact]
    public void The_list_holds_at_least_the_10000_most_common_passwords() =>
        CommonPasswordValidator.Count.ShouldBeGreaterThanOrEqualTo(10_000);

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("Sunshine")]
    [InlineData("24081990")]
    public async Task A_common_password_is_refused_whatever_its_case(string password)
    {
        var result = await new CommonPasswordValidator().ValidateAsync(null!, new AppUser(), password);

        result.Errors.ShouldHaveSingleItem().Code.ShouldBe(CommonPasswordValidator.ErrorCode);
    }

    [Theory]
    [InlineData(WebSession.Password)]
    [InlineData("a brand new passphrase")]
    [InlineData("pw-0123456789abcdef0123456789abcdef")]
    public async Task The_passwords_the_tests_use_are_not_on_the_list(string password)
    {
        var result = await new CommonPasswordValidator().ValidateAsync(null!, new AppUser(), password);

        result.Succeeded.ShouldBeTrue();
    }
}
