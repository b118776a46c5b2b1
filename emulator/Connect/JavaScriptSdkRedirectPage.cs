using SmartcarClean.Emulator.Applications;
using SmartcarClean.Emulator.Http;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace SmartcarClean.Emulator.Connect;

/// <summary>
/// The JavaScript SDK's redirect page (reference §7.4), which Smartcar serves at
/// <c>https://javascript-sdk.smartcar.com/v2/redirect</c> and the emulator serves at <c>/v2/redirect</c>: Connect ends
/// a pop-up there, and the page posts a <c>SmartcarAuthMessage</c> to the window that opened the pop-up (at
/// <c>app_origin</c>, else its own origin), then closes. Offline there is no javascript-sdk.smartcar.com, so Connect's
/// redirect to a registered <c>https://javascript-sdk.smartcar.com/v2/redirect?app_origin=...</c> lands here instead
/// (<see cref="Landing"/>), the query unchanged: the emulator stands in for that host as it does for Connect.
/// </summary>
internal static class JavaScriptSdkRedirectPage
{
    public const string PagePath = "/v2/redirect";
    public const string ScriptPath = "/v2/redirect.js";

    public static void Register(WireMockServer server)
    {
        server.AddEndpoint(Request.Create().WithPath(PagePath, PagePath + "/").UsingGet(), _ => HttpReplies.Html(200, Html));
        server.AddEndpoint(Request.Create().WithPath(ScriptPath).UsingGet(), _ => JavaScript(Script));
    }

    /// <summary>Where the browser is sent for a redirect to <paramref name="location"/>: the emulator's copy of the JS SDK page for Smartcar's.</summary>
    public static string Landing(string location, string baseUrl)
    {
        var sdkPage = RedirectUriRules.JavaScriptSdkRedirect;
        return location.StartsWith(sdkPage + "?", StringComparison.OrdinalIgnoreCase)
            ? baseUrl + PagePath + location[sdkPage.Length..]
            : location;
    }

    private static ResponseMessage JavaScript(string body)
    {
        var reply = new ResponseMessage
        {
            StatusCode = 200,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = System.Text.Encoding.UTF8 },
        };
        reply.AddHeader("Content-Type", "text/javascript; charset=utf-8");
        reply.AddHeader(HttpReplies.RequestIdHeader, Guid.NewGuid().ToString());
        return reply;
    }

    private const string Html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Smartcar Connect</title>
        </head>
        <body>
          <main>
            <h1 id="redirect-title">Finishing connecting your car</h1>
            <p id="redirect-status" role="status">Handing the result to your app. This window closes on its own.</p>
          </main>
          <script src="/v2/redirect.js"></script>
        </body>
        </html>
        """;

    // The message and its target follow @smartcar/auth v2's redirect.js. Where the SDK only throws without an opener,
    // this page also says what happened, so a tab opened by hand does not fail silently.
    private const string Script = """
        (function () {
          'use strict';
          var params = new URLSearchParams(window.location.search);
          var message = {
            name: 'SmartcarAuthMessage',
            isSmartcarHosted: window.location.origin === 'https://javascript-sdk.smartcar.com',
            code: params.get('code'),
            error: params.get('error'),
            errorDescription: params.get('error_description'),
            state: params.get('state'),
            vin: params.get('vin'),
            make: params.get('make'),
            model: params.get('model'),
            year: params.get('year'),
            virtualKeyUrl: params.get('virtual_key_url'),
            userId: params.get('user_id')
          };
          if (params.has('external_id')) {
            message.externalId = params.get('external_id');
          }

          if (!window.opener) {
            document.getElementById('redirect-title').textContent = 'This window cannot finish connecting your car';
            document.getElementById('redirect-status').textContent =
              'This page hands Smartcar Connect\u2019s result to the app window that opened it, but no window opened it ' +
              '(it was opened in a tab of its own, or the opener was cut off). Nothing was connected. ' +
              'Close this window and connect again from the app.';
            throw new Error('window.opener must be defined');
          }

          window.opener.postMessage(message, params.get('app_origin') || window.location.origin);
          window.close();
        })();
        """;
}
