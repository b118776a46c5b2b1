using SmartcarClean.Application.Ports;
using SmartcarClean.Web.Wording;

namespace SmartcarClean.Unit.Web;

/// <summary>Smartcar's limits explained in words: why nothing fresher can be read, and when it can be.</summary>
public sealed class SmartcarErrorMessagesTests
{
    [Fact]
    public void A_used_up_monthly_allowance_says_so_and_what_resolves_it() =>
        SmartcarErrorMessages.For(new SmartcarApiException(430, "BILLING", "VEHICLE_REQUEST_LIMIT", "Not sent."))
            .ShouldBe("This car's monthly Smartcar allowance is used up, so it cannot be read or sent commands until the "
                + "allowance renews next month, or until this app's Smartcar plan allows more requests per car.");

    [Theory]
    [InlineData("VEHICLE", "Smartcar is limiting requests right now. Please try again in 42 seconds.")]
    [InlineData("SMARTCAR_API", "Smartcar is limiting this app's requests right now. Please try again in 42 seconds.")]
    public void A_rate_limit_says_whom_it_limits_and_when_to_try_again(string code, string sentence) =>
        SmartcarErrorMessages.For(new SmartcarApiException(429, "RATE_LIMIT", code, null) { RetryAfter = TimeSpan.FromSeconds(42) })
            .ShouldBe(sentence);

    [Theory]
    [InlineData("INVALID_PLAN", "This app's Smartcar plan does not include this feature.")]
    [InlineData("VEHICLE_LIMIT", "This app has connected as many cars as its Smartcar plan allows.")]
    [InlineData("ACCOUNT_SUSPENDED", "This app's Smartcar account is suspended.")]
    public void Other_billing_errors_name_the_plan_not_the_car(string code, string start) =>
        SmartcarErrorMessages.For(new SmartcarApiException(430, "BILLING", code, "Smartcar's description."))
            .ShouldStartWith(start);
}
