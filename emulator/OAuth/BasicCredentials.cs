using System.Text;
using SmartcarClean.Emulator.Http;
using WireMock;

namespace SmartcarClean.Emulator.OAuth;

/// <summary>The client id and secret of an <c>Authorization: Basic base64(id:secret)</c> header.</summary>
internal sealed record BasicCredentials(string ClientId, string ClientSecret)
{
    public static BasicCredentials? Read(IRequestMessage request)
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
        return separator < 0 ? null : new BasicCredentials(decoded[..separator], decoded[(separator + 1)..]);
    }
}
