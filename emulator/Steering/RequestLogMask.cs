using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartcarClean.Emulator.Steering;

/// <summary>
/// The request log is for reading what was asked, not for lifting credentials: client secrets, codes, tokens and
/// passwords (in form or JSON bodies and in the query) and <c>Authorization</c> values become <see cref="Mask"/>,
/// while methods, paths, statuses and every other field stay as they were sent.
/// </summary>
internal static class RequestLogMask
{
    public const string Mask = "***";

    // Compared without case and underscores, so client_secret, clientSecret and CLIENT_SECRET are all caught.
    private static readonly HashSet<string> SecretNames =
        new(["clientsecret", "code", "accesstoken", "refreshtoken", "token", "idtoken", "password"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> SecretHeaders =
        new(["Authorization", "Proxy-Authorization", "Cookie"], StringComparer.OrdinalIgnoreCase);

    public static RecordedRequest Apply(RecordedRequest request) => request with
    {
        Query = MaskPairs(request.Query),
        Headers = request.Headers.ToDictionary(
            h => h.Key, h => SecretHeaders.Contains(h.Key) ? MaskCredentials(h.Value) : h.Value, StringComparer.OrdinalIgnoreCase),
        Body = MaskBody(request.Body),
    };

    private static bool IsSecret(string name) => SecretNames.Contains(name.Replace("_", "", StringComparison.Ordinal));

    // "Bearer abc" -> "Bearer ***": the scheme says how the client authenticated, the rest is the secret.
    private static string MaskCredentials(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? value[..space] + " " + Mask : Mask;
    }

    private static string? MaskBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        var trimmed = body.TrimStart();
        return trimmed.StartsWith('{') || trimmed.StartsWith('[') ? MaskJson(body) : MaskPairs(body);
    }

    /// <summary>name=value pairs (a form body or a query, with or without its '?'), each pair kept byte for byte unless secret.</summary>
    private static string MaskPairs(string encoded)
    {
        var prefix = encoded.StartsWith('?') ? "?" : "";
        var pairs = encoded[prefix.Length..].Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals > 0 && IsSecret(Decode(pair[..equals])) ? pair[..(equals + 1)] + Mask : pair;
        });
        return prefix + string.Join('&', pairs);
    }

    private static string MaskJson(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return Mask; // unreadable JSON may still hold a secret: none of it is shown
        }

        // Rewritten only when something was masked, so every other body stays exactly as sent.
        return MaskNode(root) ? root!.ToJsonString() : body;
    }

    private static bool MaskNode(JsonNode? node)
    {
        var masked = false;
        switch (node)
        {
            case JsonObject json:
                foreach (var (name, value) in json.ToList())
                {
                    if (IsSecret(name) && value is not null)
                    {
                        json[name] = Mask;
                        masked = true;
                    }
                    else
                    {
                        masked |= MaskNode(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    masked |= MaskNode(item);
                }

                break;
        }

        return masked;
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
