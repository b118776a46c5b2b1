using System.Text;
using System.Text.Json;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace SmartcarClean.Emulator.Http;

/// <summary>Builds WireMock response messages with the right Content-Type and a Smartcar request id.</summary>
internal static class HttpReplies
{
    public const string RequestIdHeader = "sc-request-id";

    public static ResponseMessage Json(int status, object body, string? requestId = null) =>
        Create(status, "application/json", JsonSerializer.Serialize(body), requestId);

    public static ResponseMessage Html(int status, string html) =>
        Create(status, "text/html; charset=utf-8", html, null);

    /// <summary>A success with no body, e.g. 204 No Content.</summary>
    public static ResponseMessage NoContent() => Create(204, null, null, null);

    public static ResponseMessage Redirect(string location)
    {
        var reply = Create(302, null, null, null);
        reply.AddHeader("Location", location);
        return reply;
    }

    private static ResponseMessage Create(int status, string? contentType, string? body, string? requestId)
    {
        var reply = new ResponseMessage
        {
            StatusCode = status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
        };
        reply.AddHeader(RequestIdHeader, requestId ?? Guid.NewGuid().ToString());
        if (contentType is not null)
        {
            reply.AddHeader("Content-Type", contentType);
        }

        if (body is not null)
        {
            reply.BodyData = new BodyData
            {
                BodyAsString = body,
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            };
        }

        return reply;
    }
}
