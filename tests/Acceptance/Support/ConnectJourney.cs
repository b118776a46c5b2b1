namespace SmartcarClean.Acceptance.Support;

/// <summary>What one scenario saw of its trips through Connect: every redirect back to the app, with its code.</summary>
public sealed class ConnectJourney
{
    private readonly List<Uri> _redirects = [];

    public IReadOnlyList<Uri> Redirects => _redirects;

    public IEnumerable<string> Codes => _redirects
        .Select(r => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(r.Query).GetValueOrDefault("code").ToString())
        .Where(code => code.Length > 0);

    public void Record(Uri redirect) => _redirects.Add(redirect);
}
