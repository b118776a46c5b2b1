using System.Globalization;
using System.Net;
using System.Text;
using SmartcarClean.Emulator.Plans;
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
        PlanSections(html, state);
        Section(html, "Queued faults", ["method", "path", "vehicle", "fault", "remaining"],
            faults.Select(f => new[] { f.Method, f.PathPattern, f.VehicleId ?? "any", f.Fault.ToString(), f.Remaining.ToString(CultureInfo.InvariantCulture) }));
        Section(html, $"Last {RecentRequests} requests (newest first)", ["method", "path", "status"],
            requests.TakeLast(RecentRequests).Reverse().Select(r => new[] { r.Method, r.Path, r.StatusCode.ToString(CultureInfo.InvariantCulture) }));

        return html.Append("<p>JSON: <code>GET /_emulator/state</code>. Operations: see the emulator README.</p></body></html>").ToString();
    }

    /// <summary>The plan's limits, then each application's requests to each vehicle this month and the vehicle's throttle.</summary>
    private static void PlanSections(StringBuilder html, WorldSnapshot state)
    {
        var plan = state.Plan.Plan;
        var buckets = string.Join("\n", state.Plan.Buckets.Select(b => $"{b.ClientId}: {b.Left} left"));
        Section(html, "Plan", ["limit", "setting", "now"],
        [
            ["requests per vehicle per month (430 BILLING)", plan.VehicleRequestsPerMonth is { } allowance ? $"{allowance}" : "off", ""],
            ["application bucket (429 SMARTCAR_API)",
                plan.ApplicationRequestBucket is { } size ? $"{size}, one back every {Seconds(plan.ApplicationBucketRefill)}" : "off", buckets],
            ["vehicle throttle (429 VEHICLE)",
                plan.VehicleRequestsPerWindow is { } perWindow ? $"{perWindow} per {Seconds(plan.VehicleThrottleWindow)}" : "off", ""],
        ]);

        var vehicles = state.Users.SelectMany(u => u.Vehicles).ToDictionary(v => v.Id, v => $"{v.Make} {v.Model} {v.Year}");
        Section(html, "Requests per vehicle", ["client_id", "vehicle", "requests this month", "throttle"],
            state.Plan.Vehicles.Select(v => new[]
            {
                v.ClientId,
                $"{vehicles.GetValueOrDefault(v.VehicleId, "")}, id {v.VehicleId}",
                plan.VehicleRequestsPerMonth is { } allowance ? $"{v.RequestsThisMonth} of {allowance}" : $"{v.RequestsThisMonth} (no allowance)",
                Throttle(v, plan),
            }));
    }

    private static string Throttle(VehicleUsage usage, Plan plan)
    {
        if (plan.VehicleRequestsPerWindow is not { } perWindow)
        {
            return "off";
        }

        if (usage.ThrottleWindowEnds is not { } ends)
        {
            return $"0 of {perWindow}";
        }

        var until = ends.ToString("O", CultureInfo.InvariantCulture);
        return usage.ThrottleCalls >= perWindow
            ? $"{usage.ThrottleCalls} of {perWindow}: throttled until {until}"
            : $"{usage.ThrottleCalls} of {perWindow} in the window ending {until}";
    }

    private static string Seconds(TimeSpan duration) => $"{duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";

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
