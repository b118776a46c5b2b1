using System.Text;
using SmartcarClean.Emulator.Applications;
using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.World;
using WireMock;

namespace SmartcarClean.Emulator.OAuth;

/// <summary>
/// The client id and secret a token request authenticates with (RFC 6749 §2.3.1), and the check against the
/// registered applications that both token endpoints make.
/// </summary>
internal sealed record ClientCredentials(string ClientId, string ClientSecret)
{
    /// <summary>An <c>Authorization: Basic base64(id:secret)</c> header, as every Smartcar SDK sends it; null when there is none or it cannot be read.</summary>
    public static ClientCredentials? FromBasicHeader(IRequestMessage request)
    {
        var header = request.Header("Authorization");
        const string Scheme = "Basic ";
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[Scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        return separator < 0 ? null : new ClientCredentials(decoded[..separator], decoded[(separator + 1)..]);
    }

    /// <summary><c>client_id</c> and <c>client_secret</c> in the request body; null without a client id.</summary>
    public static ClientCredentials? FromBody(IReadOnlyDictionary<string, string> body) =>
        body.TryGetValue("client_id", out var id) ? new ClientCredentials(id, body.GetValueOrDefault("client_secret") ?? "") : null;

    /// <summary>The registered application with this client id and secret; null for an unknown id or a wrong secret.</summary>
    public RegisteredApplication? Authenticate(SmartcarWorld world)
    {
        var app = world.FindApplication(ClientId);
        return app is not null && app.ClientSecret == ClientSecret ? app : null;
    }
}
