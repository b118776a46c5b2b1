namespace SmartcarClean.Application.Ports;

public sealed record ApplicationTokenResponse(string AccessToken, int ExpiresInSeconds)
{
    public override string ToString() => $"ApplicationTokenResponse {{ ExpiresInSeconds = {ExpiresInSeconds} }}";
}
