using SmartcarClean.Emulator.Http;
using SmartcarClean.Emulator.World;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.Server;

namespace SmartcarClean.Emulator.Connect;

/// <summary>
/// Smartcar Connect: <c>/oauth/authorize</c> validates the application and starts a session, then the
/// user walks preamble → brand → login → permissions, and Allow/Deny redirects back to the app.
/// The session id travels in the path: <c>/connect/{session}/{step}</c>.
/// </summary>
internal sealed class ConnectPages(SmartcarWorld world, string baseUrl)
{
    public void Register(WireMockServer server)
    {
        server.AddEndpoint(Request.Create().WithPath("/oauth/authorize", "/oauth/authorize/").UsingGet(), Authorize);
        server.AddEndpoint(Request.Create().WithPath(new RegexMatcher(@"^/connect/[^/]+/[a-z]+/?$")).UsingAnyMethod(), Step);
    }

    private ResponseMessage Authorize(IRequestMessage request)
    {
        var query = UrlEncoded.Query(request);
        var clientId = query.GetValueOrDefault("client_id");
        var applicationId = query.GetValueOrDefault("application_id");

        // Until client_id and redirect_uri are trusted nothing may redirect: errors are pages.
        var app = world.FindApplication(clientId ?? applicationId);
        if (app is null || (clientId is not null && applicationId is not null && clientId != applicationId))
        {
            return InvalidParameter("client_id");
        }

        var redirectUri = query.GetValueOrDefault("redirect_uri") ?? app.DefaultRedirectUri;
        if (!app.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return ErrorPage("400: Unauthorized redirect_uri");
        }

        if (!AuthorizeQuery.TryRead(query, app, redirectUri, out var connect, out var invalidParameter))
        {
            return InvalidParameter(invalidParameter);
        }

        connect = connect with { RedirectUriSent = query.ContainsKey("redirect_uri") };

        // Smartcar's test VINs belong to test mode: Single Select with one in live mode is a configuration error.
        if (connect.Mode == "live" && connect.SingleSelectVin is { } vin && TestIdentities.IsTestVin(vin))
        {
            return Fail(connect, ConnectError.Configuration(400,
                "You have entered a test mode VIN. Please enter a VIN that belongs to a real vehicle."));
        }

        var session = world.StartSession(connect);
        var next = session.Make is null ? $"/connect/{session.Id}/brands" : $"/connect/{session.Id}/login";
        return HttpReplies.Html(200, ConnectHtml.Preamble(session, next));
    }

    private ResponseMessage Step(IRequestMessage request)
    {
        var segments = request.Path.Trim('/').Split('/');
        var session = world.FindSession(segments[1]);
        if (session is null)
        {
            return ErrorPage("400: Invalid or expired Connect session");
        }

        return (request.Method.ToUpperInvariant(), segments[2]) switch
        {
            ("GET", "brands") => HttpReplies.Html(200, ConnectHtml.BrandList(session)),
            ("GET", "login") => ShowLogin(session, UrlEncoded.Query(request).GetValueOrDefault("make")),
            ("POST", "login") => SignIn(session, UrlEncoded.Form(request)),
            ("GET", "permissions") => ShowPermissions(session),
            ("POST", "decision") => Decide(session, UrlEncoded.Form(request).GetValueOrDefault("decision")),
            _ => ErrorPage("404: Page not found", 404),
        };
    }

    private static ResponseMessage ShowLogin(ConnectSession session, string? make)
    {
        var brand = VehicleCatalog.Find(make ?? session.Make);
        if (brand is null)
        {
            return InvalidParameter("make");
        }

        session.Make = brand.Make;
        return HttpReplies.Html(200, ConnectHtml.Login(session, brand));
    }

    private ResponseMessage SignIn(ConnectSession session, IReadOnlyDictionary<string, string> form)
    {
        var brand = VehicleCatalog.Find(session.Make);
        if (brand is null)
        {
            return ErrorPage("400: Select a brand before signing in");
        }

        var email = form.GetValueOrDefault("username")?.Trim();
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(form.GetValueOrDefault("password")))
        {
            return HttpReplies.Html(400, ConnectHtml.Login(session, brand, "Enter your email and password."));
        }

        if (TestIdentities.ErrorFor(email, brand) is { } identityError)
        {
            return Fail(session.Request, identityError, session);
        }

        session.User = world.SignIn(email, brand);
        var (grant, error) = GrantPlanner.Plan(session.Request, session.User);
        if (grant is null)
        {
            return Fail(session.Request, error!, session);
        }

        session.PendingGrant = grant;
        if (!session.Request.ForceApproval && world.AlreadyGranted(grant))
        {
            return Allow(session);
        }

        // Post/redirect/get, so a browser refresh on the grant page does not sign in again.
        return HttpReplies.Redirect($"/connect/{session.Id}/permissions");
    }

    private static ResponseMessage ShowPermissions(ConnectSession session) =>
        session.PendingGrant is null
            ? ErrorPage("400: Sign in before granting access")
            : HttpReplies.Html(200, ConnectHtml.Permissions(session, session.PendingGrant));

    private ResponseMessage Decide(ConnectSession session, string? decision)
    {
        if (session.PendingGrant is null)
        {
            return ErrorPage("400: Sign in before granting access");
        }

        return decision switch
        {
            "allow" => Allow(session),
            "deny" => Fail(session.Request, ConnectError.AccessDenied, session),
            _ => InvalidParameter("decision"),
        };
    }

    // response_type=code: the classic flow (code, state and user_id). none: the server-side flow, no code.
    private ResponseMessage Allow(ConnectSession session)
    {
        var request = session.Request;
        if (request.ResponseType == "none")
        {
            var grant = world.ApproveWithoutCode(session);
            return RedirectTo(UrlEncoded.AppendQuery(request.RedirectUri,
                [("user_id", grant.User.Id), ("state", request.State)]));
        }

        var code = world.Approve(session);
        return RedirectTo(UrlEncoded.AppendQuery(request.RedirectUri,
            [("code", code.Value), ("state", request.State), ("user_id", code.Grant.User.Id)]));
    }

    // configuration_error is an error page first; the user returns to the app from it. Other errors redirect at once.
    private ResponseMessage Fail(ConnectRequest request, ConnectError error, ConnectSession? session = null)
    {
        if (session is not null)
        {
            world.EndSession(session);
        }

        var location = JavaScriptSdkRedirectPage.Landing(error.RedirectUri(request.RedirectUri, request.State), baseUrl);
        return error.Code == ConnectError.ConfigurationErrorCode
            ? HttpReplies.Html(400, ConnectHtml.ConfigurationError(error, location))
            : HttpReplies.Redirect(location);
    }

    private ResponseMessage RedirectTo(string location) =>
        HttpReplies.Redirect(JavaScriptSdkRedirectPage.Landing(location, baseUrl));

    private static ResponseMessage InvalidParameter(string name) => ErrorPage($"400: Invalid parameter {name}");

    private static ResponseMessage ErrorPage(string message, int status = 400) =>
        HttpReplies.Html(status, ConnectHtml.Error(message));
}
