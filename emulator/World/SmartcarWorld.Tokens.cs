using SmartcarClean.Emulator.OAuth;

namespace SmartcarClean.Emulator.World;

/// <summary>Configurable lifetimes and the application (client_credentials) tokens.</summary>
public sealed partial class SmartcarWorld
{
    private readonly Dictionary<string, ApplicationToken> _applicationTokens = new(StringComparer.Ordinal);

    public TokenLifetimes Lifetimes { get; init; } = TokenLifetimes.Default;

    public ApplicationToken IssueApplicationToken(string clientId)
    {
        lock (_gate)
        {
            var token = new ApplicationToken(Guid.NewGuid().ToString(), clientId, Now + Lifetimes.ApplicationToken);
            _applicationTokens[token.Value] = token;
            _issuedTokens.Add(token.Value);
            return token;
        }
    }

    /// <summary>The live application token with this value, or null when it is unknown or expired.</summary>
    public ApplicationToken? AuthenticateApplication(string token)
    {
        lock (_gate)
        {
            return _applicationTokens.TryGetValue(token, out var issued) && Now < issued.ExpiresAt ? issued : null;
        }
    }
}
