using System.Globalization;
using System.Net;
using System.Text;
using SmartcarClean.Emulator.Steering.Faults;

namespace SmartcarClean.Emulator.Steering;

/// <summary>
/// <c>GET /_emulator</c>: one self-contained page (no scripts, no external resources) showing what the
/// emulator knows. Everything is HTML-encoded; tokens show only their last four characters.
/// </summary>
internal static class AdminPage
{
    public const int RecentRequests = 50;

    public static string Render(WorldSnapshot state, IReadOnlyList<PendingFault> faults, IReadOnlyList<RecordedRequest> requests)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Smartcar emulator: admin</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24}table{border-collapse:collapse;margin-bottom:1.5rem}")
            .Append("th,td{border:1px solid #ccd;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#eef}code{font-size:.9em}</style>")
            .Append("</head><body><h1>Smartcar emulator</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>Emulator clock: <time>{E(state.Now.ToString("O", CultureInfo.InvariantCulture))}</time></p>");

        Section(html, "Applications", ["client_id", "redirect URIs"],
            state.Applications.Select(a => new[] { a.ClientId, string.Join("\n", a.RedirectUris) }));
        Section(html, "Users", ["email", "user id", "vehicles"],
            state.Users.Select(u => new[] { u.Email, u.Id, string.Join("\n", u.Vehicles.Select(v => $"{v.Make} {v.Model} {v.Year}, VIN {v.Vin}, id {v.Id}")) }));
        Section(html, "Grants and tokens", ["client_id", "user", "vehicles", "scopes", "tokens"],
            state.Grants.Select(g => new[]
            {
                g.Grant.ClientId,
                g.Grant.User.Email,
                string.Join("\n", g.Grant.Vehicles.Select(v => v.Id)),
                string.Join(" ", g.Grant.Scopes),
                string.Join("\n", g.Tokens.Select(t =>
                    $"{t.Kind} {SmartcarEmulator.Masked(t.Value)} {(t.Live ? "live" : "dead")}, expires {t.ExpiresAt.ToString("O", CultureInfo.InvariantCulture)}")),
            }));
        Section(html, "Queued faults", ["method", "path", "vehicle", "fault", "remaining"],
            faults.Select(f => new[] { f.Method, f.PathPattern, f.VehicleId ?? "any", f.Fault.ToString(), f.Remaining.ToString(CultureInfo.InvariantCulture) }));
        Section(html, $"Last {RecentRequests} requests (newest first)", ["method", "path", "status"],
            requests.TakeLast(RecentRequests).Reverse().Select(r => new[] { r.Method, r.Path, r.StatusCode.ToString(CultureInfo.InvariantCulture) }));

        return html.Append("<p>JSON: <code>GET /_emulator/state</code>. Operations: see the emulator README.</p></body></html>").ToString();
    }

    private static void Section(StringBuilder html, string title, string[] headings, IEnumerable<string[]> rows)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(title)}</h2>");
        var body = rows.ToList();
        if (body.Count == 0)
        {
            html.Append("<p>None.</p>");
            return;
        }

        html.Append("<table><thead><tr>");
        foreach (var heading in headings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(heading)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in body)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{E(cell).Replace("\n", "<br>", StringComparison.Ordinal)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
