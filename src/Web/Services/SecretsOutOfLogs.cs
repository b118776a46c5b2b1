namespace SmartcarClean.Web.Services;

/// <summary>
/// Smartcar's redirect puts an authorization code in the query of /exchange, and two ASP.NET loggers print
/// request data: request logging prints the whole URL, and Razor Pages at Trace prints handler arguments.
/// Their levels are capped here in code, which wins over whatever level the configuration asks for.
/// </summary>
public static class SecretsOutOfLogs
{
    public static ILoggingBuilder KeepSecretsOutOfLogs(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.PageActionInvoker", LogLevel.Debug);
}
