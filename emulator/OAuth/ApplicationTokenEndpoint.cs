using System.Text.Json;
using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.World;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace SmartcarClean.Emulator.OAuth;

/// <summary>
/// <c>POST /oauth2/token</c> (iam.smartcar.com): the client_credentials grant that gives an application
/// token for the v3 API. The body is a form or JSON; the client credentials come in the body or in
/// HTTP Basic. No refresh token: clients ask again when it expires.
/// </summary>
internal sealed class ApplicationTokenEndpoint(SmartcarWorld world)
{
    public void Register(WireMockServer server) =>
        server.AddEndpoint(Request.Create().WithPath("/oauth2/token", "/oauth2/token/").UsingPost(), Handle);

    private ResponseMessage Handle(IRequestMessage request)
    {
        if (ReadBody(request) is not { } body)
        {
            return OAuthError.Json(400, "invalid_request", "The request body is not a valid form or JSON object.");
        }

        var grantType = body.GetValueOrDefault("grant_type");
        if (string.IsNullOrEmpty(grantType))
        {
            return OAuthError.Json(400, "invalid_request", "Missing required parameter: grant_type.");
        }

        if (grantType != "client_credentials")
        {
            return OAuthError.Json(400, "unsupported_grant_type", $"Unsupported grant_type: {grantType}.");
        }

        var app = (ClientCredentials.FromBasicHeader(request) ?? ClientCredentials.FromBody(body))?.Authenticate(world);
        if (app is null)
        {
            return OAuthError.Json(401, "invalid_client", "Invalid client_id or client_secret.");
        }

        var token = world.IssueApplicationToken(app.ClientId);
        return HttpReplies.Json(200, new
        {
            access_token = token.Value,
            token_type = "Bearer",
            expires_in = (int)world.Lifetimes.ApplicationToken.TotalSeconds,
        });
    }

    /// <summary>JSON when the client says so, a url-encoded form otherwise; null when it cannot be read.</summary>
    private static Dictionary<string, string>? ReadBody(IRequestMessage request)
    {
        var text = request.Body ?? request.BodyData?.BodyAsString ?? "";
        var contentType = request.Header("Content-Type") ?? "";
        if (!contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return new(UrlEncoded.Parse(text), StringComparer.Ordinal);
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return null; // every field of this grant is a string
                }

                fields.TryAdd(property.Name, property.Value.GetString()!);
            }

            return fields;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
