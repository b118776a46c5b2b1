namespace SmartcarClean.Application.Ports;

/// <summary>An OAuth error from the token endpoint, e.g. <c>invalid_grant</c>.</summary>
public sealed class SmartcarAuthException(string error, string? description)
    : Exception($"Smartcar refused the token request: {error} - {description}")
{
    public string Error { get; } = error;

    public string? Description { get; } = description;
}
