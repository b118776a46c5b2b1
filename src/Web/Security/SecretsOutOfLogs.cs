namespace SmartcarClean.Web.Security;

/// <summary>
/// Smartcar's redirect puts an authorization code in the query of /exchange, and the Connect URL carries the state;
/// some ASP.NET loggers print them. Their levels are capped here in code: configuration may ask them for less, and
/// never gets more, whatever level it sets (for every logger, or for one provider).
/// </summary>
public static class SecretsOutOfLogs
{
    private static readonly Dictionary<string, LogLevel> Caps = new()
    {
        // Request logging prints the whole URL, /exchange's code included.
        ["Microsoft.AspNetCore.Hosting.Diagnostics"] = LogLevel.Warning,
        // At Information: "redirecting to" the Connect URL, with its state.
        ["Microsoft.AspNetCore.Mvc.Infrastructure.RedirectResultExecutor"] = LogLevel.Warning,
        // At Trace: the page handler's arguments, the code among them.
        ["Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageActionInvoker"] = LogLevel.Debug,
    };

    public static ILoggingBuilder KeepSecretsOutOfLogs(this ILoggingBuilder logging)
    {
        // After configuration has added its rules, so the caps see them.
        logging.Services.PostConfigure<LoggerFilterOptions>(options =>
        {
            foreach (var (category, cap) in Caps)
            {
                Cap(options, category, cap);
            }
        });
        return logging;
    }

    /// <summary>
    /// Copies each rule that applies to the category as a rule for exactly that category, at the rule's level or the
    /// cap, whichever is higher. Exact rules win over the ones they copy; among the copies the logger factory chooses
    /// as it would among the originals: a provider's own rule first, then the most specific category, then the last.
    /// </summary>
    private static void Cap(LoggerFilterOptions options, string category, LogLevel cap)
    {
        var applicable = options.Rules
            .Where(rule => Matches(rule.CategoryName, category))
            .OrderBy(rule => rule.CategoryName?.Length ?? 0)
            .ToList();
        options.Rules.Add(new LoggerFilterRule(null, category, Higher(options.MinLevel, cap), null));
        foreach (var rule in applicable)
        {
            options.Rules.Add(new LoggerFilterRule(rule.ProviderName, category, Higher(rule.LogLevel ?? LogLevel.Trace, cap), rule.Filter));
        }
    }

    // As the logger factory matches a rule's category: a prefix, or one '*' standing for any middle part.
    private static bool Matches(string? pattern, string category)
    {
        if (pattern is null)
        {
            return true;
        }

        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        return star < 0
            ? category.StartsWith(pattern, StringComparison.OrdinalIgnoreCase)
            : category.Length >= pattern.Length - 1
                && category.StartsWith(pattern[..star], StringComparison.OrdinalIgnoreCase)
                && category.EndsWith(pattern[(star + 1)..], StringComparison.OrdinalIgnoreCase);
    }

    private static LogLevel Higher(LogLevel level, LogLevel cap) => level > cap ? level : cap;
}
