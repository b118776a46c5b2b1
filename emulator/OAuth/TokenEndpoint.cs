using SmartcarClean.Emulator.Applications;
using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.World;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace SmartcarClean.Emulator.OAuth;

/// <summary>
/// <c>POST /oauth/token</c> (auth.smartcar.com): HTTP Basic client authentication, a form body,
/// and one handler per grant type. Errors are OAuth-style <c>{"error","error_description"}</c>.
/// </summary>
internal sealed class TokenEndpoint(SmartcarWorld world)
{
    public void Register(WireMockServer server) =>
        server.AddEndpoint(Request.Create().WithPath("/oauth/token", "/oauth/token/").UsingPost(), Handle);

    private ResponseMessage Handle(IRequestMessage request)
    {
        var client = ClientCredentials.FromBasicHeader(request)?.Authenticate(world);
        if (client is null)
        {
            return OAuthError.Json(401, "invalid_client", "Invalid client credentials.");
        }

        var form = UrlEncoded.Form(request);
        return form.GetValueOrDefault("grant_type") switch
        {
            null or "" => MissingParameter("grant_type"),
            "authorization_code" => ExchangeCode(client, form),
            "refresh_token" => Refresh(client, form),
            var other => OAuthError.Json(400, "unsupported_grant_type", $"Unsupported grant_type: {other}."),
        };
    }

    private ResponseMessage ExchangeCode(RegisteredApplication client, IReadOnlyDictionary<string, string> form)
    {
        if (!form.TryGetValue("code", out var code) || code.Length == 0)
        {
            return MissingParameter("code");
        }

        // Required only when /oauth/authorize named one; AuthorizationCode decides.
        var redirectUri = form.GetValueOrDefault("redirect_uri") is { Length: > 0 } given ? given : null;
        var result = world.ExchangeCode(client.ClientId, code, redirectUri);
        return result.Failure switch
        {
            TokenFailure.None => Tokens(result.Tokens!),
            TokenFailure.RedirectUriMismatch => OAuthError.Json(400, "invalid_grant", redirectUri is null
                ? "Missing redirect_uri: the one sent to Connect is required."
                : $"Unauthorized redirect_uri: {redirectUri}"),
            _ => OAuthError.Json(400, "invalid_request", $"Invalid code: {code}."),
        };
    }

    private ResponseMessage Refresh(RegisteredApplication client, IReadOnlyDictionary<string, string> form)
    {
        if (!form.TryGetValue("refresh_token", out var refreshToken) || refreshToken.Length == 0)
        {
            return MissingParameter("refresh_token");
        }

        var result = world.Refresh(client.ClientId, refreshToken);
        return result.Tokens is { } tokens
            ? Tokens(tokens)
            : OAuthError.Json(400, "invalid_grant", $"Invalid refresh_token: {refreshToken}.");
    }

    private ResponseMessage Tokens(TokenPair tokens) =>
        HttpReplies.Json(200, new
        {
            access_token = tokens.Access.Value,
            token_type = "Bearer",
            expires_in = (int)world.Lifetimes.AccessToken.TotalSeconds,
            refresh_token = tokens.Refresh.Value,
        });

    private static ResponseMessage MissingParameter(string name) =>
        OAuthError.Json(400, "invalid_request", $"Missing required parameter: {name}.");
}
