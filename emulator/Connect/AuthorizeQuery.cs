using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using SmartcarClean.Emulator.Applications;
using SmartcarClean.Emulator.World;

namespace SmartcarClean.Emulator.Connect;

/// <summary>
/// Reads the <c>/oauth/authorize</c> parameters that follow a trusted client_id and redirect_uri (reference §1.1).
/// Unknown parameters (e.g. <c>external_id</c>) are ignored; a bad known one is named so Connect can show
/// "400: Invalid parameter NAME".
/// </summary>
internal static partial class AuthorizeQuery
{
    private const string RequiredPrefix = "required:";
    private static readonly string[] ResponseTypes = ["code", "none"];
    private static readonly string[] Modes = ["live", "test", "simulated"];
    private static readonly string[] ApprovalPrompts = ["auto", "force"];
    private static readonly string[] Booleans = ["true", "false"];
    private static readonly string[] DefaultScopes = ["read_vehicle_info"];

    public static bool TryRead(
        IReadOnlyDictionary<string, string> query,
        RegisteredApplication app,
        string redirectUri,
        [NotNullWhen(true)] out ConnectRequest? request,
        [NotNullWhen(false)] out string? invalidParameter)
    {
        request = null;
        var responseType = query.GetValueOrDefault("response_type");
        var mode = query.GetValueOrDefault("mode") ?? "live";
        var prompt = query.GetValueOrDefault("approval_prompt") ?? "auto";
        var make = query.GetValueOrDefault("make");
        var singleSelect = query.GetValueOrDefault("single_select") ?? "false";
        var vin = query.GetValueOrDefault("single_select_vin");
        var scopes = ParseScopes(query.GetValueOrDefault("scope"));
        var flags = ParseFlags(query.GetValueOrDefault("flags"));
        invalidParameter =
            !ResponseTypes.Contains(responseType) ? "response_type"
            : !Modes.Contains(mode) ? "mode"
            : !ApprovalPrompts.Contains(prompt) ? "approval_prompt"
            : scopes is null ? "scope"
            : make is not null && VehicleCatalog.Find(make) is null ? "make"
            : !Booleans.Contains(singleSelect) ? "single_select"
            : vin is not null && (!Vin().IsMatch(vin) || singleSelect != "true") ? "single_select_vin"
            : flags is null ? "flags"
            : null;
        if (invalidParameter is not null)
        {
            return false;
        }

        // Every parameter is valid from here on, so the parsed values are set.
        request = new ConnectRequest(app, redirectUri, scopes!.Value.All, query.GetValueOrDefault("state"), mode, VehicleCatalog.Find(make)?.Make)
        {
            ResponseType = responseType!,
            ForceApproval = prompt == "force",
            RequiredScopes = scopes!.Value.Required,
            SingleSelect = singleSelect == "true",
            SingleSelectVin = vin?.ToUpperInvariant(),
            Flags = flags!,
            User = query.GetValueOrDefault("user"),
        };
        return true;
    }

    // Space-separated; "required:" only marks a permission as mandatory, so the grant lists the bare name.
    // Omitted or blank, the scope is the dashboard's default (here read_vehicle_info).
    // Null when a name is empty ("required:" alone) or holds a colon or control character.
    private static (List<string> All, List<string> Required)? ParseScopes(string? scope)
    {
        var entries = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var all = entries.Select(Bare).Distinct(StringComparer.Ordinal).ToList();
        var required = entries.Where(e => e.StartsWith(RequiredPrefix, StringComparison.Ordinal)).Select(Bare).Distinct(StringComparer.Ordinal).ToList();
        if (!all.All(s => s.Length > 0 && !s.Any(char.IsControl) && !s.Contains(':', StringComparison.Ordinal)))
        {
            return null;
        }

        return (all.Count > 0 ? all : [.. DefaultScopes], required);
    }

    private static string Bare(string scope) =>
        scope.StartsWith(RequiredPrefix, StringComparison.Ordinal) ? scope[RequiredPrefix.Length..] : scope;

    // Space-separated name:value pairs, e.g. "country:DE color:00819D".
    private static Dictionary<string, string>? ParseFlags(string? flags)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (flags ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf(':', StringComparison.Ordinal);
            if (separator <= 0 || separator == pair.Length - 1 || !parsed.TryAdd(pair[..separator], pair[(separator + 1)..]))
            {
                return null;
            }
        }

        return parsed;
    }

    [GeneratedRegex("^[A-Za-z0-9]{17}$")]
    private static partial Regex Vin();
}
