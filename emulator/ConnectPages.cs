using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SmartcarClean.Emulator;

/// <summary>
/// Smartcar Connect: <c>/oauth/authorize</c> validates the application and starts a session, then the
/// user walks preamble → brand → login → permissions, and Allow/Deny redirects back to the app.
/// The session id travels in the path: <c>/connect/{session}/{step}</c>.
/// </summary>
internal sealed class ConnectPages(SmartcarWorld world)
{
    private static readonly string[] Modes = ["live", "test", "simulated"];
    private static readonly string[] ApprovalPrompts = ["auto", "force"];
    private static readonly string[] DefaultScopes = ["read_vehicle_info"];

    public void Register(WireMockServer server)
    {
        server.Given(Request.Create().WithPath("/oauth/authorize", "/oauth/authorize/").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(Authorize));
        server.Given(Request.Create().WithPath(new RegexMatcher(@"^/connect/[^/]+/[a-z]+/?$")).UsingAnyMethod())
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(Step));
    }

    private ResponseMessage Authorize(IRequestMessage request)
    {
        var query = UrlEncoded.Query(request);
        var clientId = query.GetValueOrDefault("client_id") ?? query.GetValueOrDefault("application_id");

        // Until client_id and redirect_uri are trusted nothing may redirect: errors are pages.
        var app = world.FindApplication(clientId);
        if (app is null)
        {
            return InvalidParameter("client_id");
        }

        var redirectUri = query.GetValueOrDefault("redirect_uri") ?? app.DefaultRedirectUri;
        if (!app.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return ErrorPage("400: Unauthorized redirect_uri");
        }

        if (query.GetValueOrDefault("response_type") != "code")
        {
            return InvalidParameter("response_type");
        }

        var mode = query.GetValueOrDefault("mode") ?? "live";
        if (!Modes.Contains(mode))
        {
            return InvalidParameter("mode");
        }

        if (query.TryGetValue("approval_prompt", out var prompt) && !ApprovalPrompts.Contains(prompt))
        {
            return InvalidParameter("approval_prompt");
        }

        var make = query.GetValueOrDefault("make");
        if (make is not null && VehicleCatalog.Find(make) is null)
        {
            return InvalidParameter("make");
        }

        var connect = new ConnectRequest(app, redirectUri, ParseScopes(query.GetValueOrDefault("scope")),
            query.GetValueOrDefault("state"), mode, VehicleCatalog.Find(make)?.Make);
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

        // Post/redirect/get, so a browser refresh on the grant page does not sign in again.
        session.User = world.SignIn(email, brand);
        return HttpReplies.Redirect($"/connect/{session.Id}/permissions");
    }

    private static ResponseMessage ShowPermissions(ConnectSession session) =>
        session.User is null
            ? ErrorPage("400: Sign in before granting access")
            : HttpReplies.Html(200, ConnectHtml.Permissions(session, session.User));

    private ResponseMessage Decide(ConnectSession session, string? decision)
    {
        if (session.User is null)
        {
            return ErrorPage("400: Sign in before granting access");
        }

        var request = session.Request;
        switch (decision)
        {
            case "allow":
                var code = world.Approve(session);
                return HttpReplies.Redirect(UrlEncoded.AppendQuery(request.RedirectUri,
                    [("code", code.Value), ("state", request.State), ("user_id", session.User.Id)]));
            case "deny":
                world.Deny(session);
                return HttpReplies.Redirect(UrlEncoded.AppendQuery(request.RedirectUri,
                [
                    ("error", "access_denied"),
                    ("error_description", "User denied access to application."),
                    ("state", request.State),
                ]));
            default:
                return InvalidParameter("decision");
        }
    }

    // "required:" only marks a permission as mandatory; the grant screen shows the bare name.
    private static List<string> ParseScopes(string? scope)
    {
        var scopes = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.StartsWith("required:", StringComparison.Ordinal) ? s["required:".Length..] : s)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return scopes.Count > 0 ? scopes : [.. DefaultScopes];
    }

    private static ResponseMessage InvalidParameter(string name) => ErrorPage($"400: Invalid parameter {name}");

    private static ResponseMessage ErrorPage(string message, int status = 400) =>
        HttpReplies.Html(status, ConnectHtml.Error(message));
}
