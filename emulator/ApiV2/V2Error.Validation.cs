using System.Text.Json.Serialization;

namespace SmartcarClean.Emulator.ApiV2;

/// <summary>Validation errors for request bodies: Smartcar names the offending field in <c>detail</c>.</summary>
internal static partial class V2Error
{
    public static WireMock.ResponseMessage Validation(string message, params string[] field) => Create(
        400, "VALIDATION", null,
        "Request invalid or malformed. Please check for missing parameters, spelling and casing mistakes, and other syntax issues.",
        "validation-errors", null,
        "Something went wrong. Please try again later.",
        [new V2ErrorDetail(field, message)]);
}

/// <summary>One entry of a v2 validation error's <c>detail</c>, e.g. <c>{"field":["requests"],"message":"\"requests\" is required"}</c>.</summary>
internal sealed record V2ErrorDetail(
    [property: JsonPropertyName("field")] IReadOnlyList<string> Field,
    [property: JsonPropertyName("message")] string Message);
