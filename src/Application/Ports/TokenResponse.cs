namespace SmartcarClean.Application.Ports;

public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresInSeconds)
{
    public override string ToString() => $"TokenResponse {{ ExpiresInSeconds = {ExpiresInSeconds} }}";
}
