using System.Text.Json;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>An error's <c>resolution</c>: <c>{"type": "REAUTHENTICATE"}</c> today, a bare string in older answers.</summary>
internal static class SmartcarResolution
{
    public static string? Read(JsonElement? resolution) => resolution switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Object } value when value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String =>
            type.GetString(),
        _ => null,
    };
}
