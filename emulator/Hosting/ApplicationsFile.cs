using System.Text.Json;
using SmartcarClean.Emulator.Applications;

namespace SmartcarClean.Emulator.Hosting;

/// <summary>
/// Reads the registered applications of a standalone emulator from a JSON file:
/// <c>{"applications":[{"clientId","clientSecret","redirectUris":[...],"defaultRedirectUri"?}]}</c>.
/// Without <c>defaultRedirectUri</c> the first redirect URI is the default. The world validates the rest.
/// </summary>
public static class ApplicationsFile
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<RegisteredApplication> Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Throws <see cref="InvalidDataException"/> naming <paramref name="source"/> when the JSON is unusable.</summary>
    public static IReadOnlyList<RegisteredApplication> Parse(string json, string source)
    {
        Contents? file;
        try
        {
            file = JsonSerializer.Deserialize<Contents>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} is not valid JSON: {e.Message}", e);
        }

        return file?.Applications ?? throw new InvalidDataException($"{source} has no \"applications\" array.");
    }

    private sealed record Contents(IReadOnlyList<RegisteredApplication>? Applications);
}
