using System.Net;
using System.Text;
using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.Connect;

/// <summary>
/// The Connect pages as plain, accessible HTML. Element ids and classes copy the real Connect UI
/// (see the node SDK's end-to-end helper) so browser tests written against either work alike.
/// Everything echoed is HTML-encoded; nothing is loaded from elsewhere.
/// </summary>
internal static class ConnectHtml
{
    public static string Error(string message) =>
        Page(message, message, "<p>Smartcar Connect cannot continue. Check the parameters your application sent.</p>");

    public static string Preamble(ConnectSession session, string nextUrl) =>
        Page("Connect your vehicle", "Connect your vehicle", $"""
            <p>{E(session.Request.Application.ClientId)} uses Smartcar to connect to your vehicle.</p>
            <form method="get" action="{E(nextUrl)}">
              <button id="continue-button" type="submit">Continue</button>
            </form>
            """);

    public static string BrandList(ConnectSession session)
    {
        var buttons = new StringBuilder();
        foreach (var brand in VehicleCatalog.Brands)
        {
            buttons.Append($"""    <li><button id="{E(brand.Make)}" class="brand-list-item" type="submit" name="make" value="{E(brand.Make)}">{E(brand.DisplayName)}</button></li>""")
                .Append('\n');
        }

        return Page("Select your brand", "Select your vehicle's brand", $$"""
            <label for="brand-search">Search brands</label>
            <input id="brand-search" type="search" autocomplete="off">
            <form method="get" action="/connect/{{E(session.Id)}}/login">
              <ul id="brand-list">
            {{buttons}}  </ul>
            </form>
            <script>
              document.getElementById('brand-search').addEventListener('input', function (e) {
                var term = e.target.value.toLowerCase();
                document.querySelectorAll('.brand-list-item').forEach(function (b) {
                  b.parentElement.hidden = b.textContent.toLowerCase().indexOf(term) < 0;
                });
              });
            </script>
            """);
    }

    public static string Login(ConnectSession session, VehicleCatalog.Brand brand, string? error = null) =>
        Page($"Sign in to {brand.DisplayName}", $"Sign in to your {brand.DisplayName} account", $"""
            {(error is null ? "" : $"<p role=\"alert\">{E(error)}</p>")}
            <form method="post" action="/connect/{E(session.Id)}/login">
              <label for="username">Email</label>
              <input id="username" name="username" type="email" autocomplete="username" required>
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button id="sign-in-button" type="submit">Sign in</button>
            </form>
            """);

    /// <summary>A configuration error the user reads before choosing to return to the app.</summary>
    public static string ConfigurationError(ConnectError error, string returnUrl)
    {
        var message = error.Details.FirstOrDefault(d => d.Name == "error_message").Value ?? error.Description;
        return Page("Configuration error", "Something is wrong with this link", $"""
            <p role="alert" id="error-message">{E(message)}</p>
            <a id="return-to-app" href="{E(returnUrl)}">Return to the application</a>
            """);
    }

    /// <summary>Lists the requested scopes and the vehicles the grant would cover (one with single_select).</summary>
    public static string Permissions(ConnectSession session, Grant grant)
    {
        var scopes = string.Concat(session.Request.Scopes.Select(s => $"<li>{E(s)}</li>"));
        var vehicles = string.Concat(grant.Vehicles.Select(v => $"<li>{E(v.Make)} {E(v.Model)} {v.Year}</li>"));
        return Page("Grant access", "Allow access to your vehicle", $"""
            <div class="page-content">
              <p>{E(session.Request.Application.ClientId)} is requesting access to:</p>
              <ul id="permission-list">{scopes}</ul>
              <p>For these vehicles:</p>
              <ul id="vehicle-list">{vehicles}</ul>
            </div>
            <form method="post" action="/connect/{E(session.Id)}/decision">
              <button id="approval-button" type="submit" name="decision" value="allow">Allow</button>
              <button id="deny-button" type="submit" name="decision" value="deny">Deny</button>
            </form>
            """);
    }

    private static string Page(string title, string heading, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{E(title)}} | Smartcar Connect (emulator)</title>
          <style>
            body{font-family:system-ui,sans-serif;max-width:32rem;margin:0 auto;padding:0 1rem;color:#1b1f24}
            .emulator{background:#fff4d6;border-bottom:1px solid #e8c66a;margin:0 -1rem 1.5rem;padding:.5rem 1rem;font-size:.9rem}
            label,input,button{display:block;margin:.4rem 0} input{padding:.4rem;width:100%;box-sizing:border-box}
            button{padding:.5rem 1rem;font-size:1rem;border-radius:.3rem;border:1px solid #9aa5b1;background:#fff;cursor:pointer}
            #approval-button,#continue-button,#sign-in-button{background:#0b6bcb;color:#fff;border-color:#0b6bcb}
            ul{list-style:none;padding:0}
          </style>
        </head>
        <body>
          <p class="emulator" role="note">Smartcar emulator: an offline stand-in for Smartcar Connect, for development and tests.</p>
          <main>
            <h1>{{E(heading)}}</h1>
        {{body}}
          </main>
        </body>
        </html>
        """;

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
