using System.Text.Json;
using WireMock;

namespace SmartcarClean.Emulator.Steering;

/// <summary>A JSON request body read field by field, each missing or mistyped field named in an <see cref="ArgumentException"/>.</summary>
internal sealed class JsonInput(JsonElement element, string path)
{
    public static JsonInput Parse(IRequestMessage request)
    {
        var text = request.Body ?? request.BodyData?.BodyAsString;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The body must be a JSON object.");
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new JsonInput(document.RootElement.Clone(), "")
                : throw new ArgumentException("The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The body is not valid JSON: {e.Message}");
        }
    }

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw new ArgumentException($"{path}{name} is required.");

    public string? OptionalString(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw new ArgumentException($"{path}{name} must be a string."),
    };

    public double RequiredNumber(string name) => Find(name) switch
    {
        null => throw new ArgumentException($"{path}{name} is required."),
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        _ => throw new ArgumentException($"{path}{name} must be a number."),
    };

    public int RequiredInt(string name) =>
        OptionalInt(name) ?? throw new ArgumentException($"{path}{name} is required.");

    public int? OptionalInt(string name) => Find(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
        _ => throw new ArgumentException($"{path}{name} must be a whole number."),
    };

    public IEnumerable<JsonInput> RequiredArray(string name) => Find(name) switch
    {
        { ValueKind: JsonValueKind.Array } value => value.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.Object
            ? new JsonInput(item, $"{path}{name}[{i}].")
            : throw new ArgumentException($"{path}{name}[{i}] must be an object.")).ToList(),
        null => throw new ArgumentException($"{path}{name} is required."),
        _ => throw new ArgumentException($"{path}{name} must be an array."),
    };

    public IReadOnlyList<string> RequiredStrings(string name) => Find(name) switch
    {
        { ValueKind: JsonValueKind.Array } value => value.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : throw new ArgumentException($"{path}{name}[{i}] must be a string.")).ToList(),
        null => throw new ArgumentException($"{path}{name} is required."),
        _ => throw new ArgumentException($"{path}{name} must be an array of strings."),
    };

    // A JSON null counts as absent.
    private JsonElement? Find(string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
