using SmartcarClean.Application;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Persistence;
using SmartcarClean.Web;
using SmartcarClean.Web.Operations;
using SmartcarClean.Web.Pipeline;
using SmartcarClean.Web.Security;
using SmartcarClean.Web.Startup;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.ApplySmartcarEnvironment();
    builder.StartEmbeddedEmulatorWhenOffline();
    builder.Services.AddApplication();
    builder.Services.AddInfrastructure(builder.Configuration, DataDirectory(builder));
    builder.AddWebServices();

    var app = builder.Build();
    app.Services.ValidateSettings();
    await app.Services.MigrateDatabaseAsync();

    app.UseForwardedHeaders(); // first: everything after it sees the client's scheme and address
    app.UseMiddleware<SecurityHeaders>();
    app.UseExceptionHandler("/Error");
    app.UseHealthEndpoints(); // before https is required: a load balancer probes the instance over plain http
    app.UseHttpsOutsideDevelopment();
    app.Use(RedirectUriHost.UseRedirectUriHost);
    app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
    app.UseStaticFiles();
    app.UseRouting();
    app.UseAuthentication();
    app.UseRateLimiter(); // after authentication: signed-in requests are limited per user too
    app.UseAuthorization();
    app.MapRazorPages();

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupRefusal.Reason(e) is { } reason)
{
    // Settings the app cannot run with: one clear line, no stack trace.
    await Console.Error.WriteLineAsync($"SmartcarClean cannot start: {reason}");
    return 1;
}

static string DataDirectory(WebApplicationBuilder builder) =>
    Path.GetFullPath(builder.Configuration["DataDirectory"] ?? "App_Data", builder.Environment.ContentRootPath);

public partial class Program;
