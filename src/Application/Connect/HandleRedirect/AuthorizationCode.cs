namespace SmartcarClean.Application.Connect.HandleRedirect;

/// <summary>
/// The authorization code Connect's redirect carried, and the redirect URI Connect was sent (null: the application's
/// default): Smartcar exchanges the code only with that same URI. Both steps of HandleRedirect exchange one.
/// </summary>
internal sealed record AuthorizationCode(string Code, string? RedirectUri)
{
    public override string ToString() => $"AuthorizationCode {{ RedirectUri = {RedirectUri} }}";
}
