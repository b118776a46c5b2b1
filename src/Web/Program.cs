using Microsoft.Extensions.Options;
using SmartcarClean.Application;
using SmartcarClean.Emulator;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Persistence;
using SmartcarClean.Web.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.ApplySmartcarEnvironment();
try
{
    builder.StartEmbeddedEmulatorIfEnabled();
}
catch (EmulatorStartException e)
{
    await Console.Error.WriteLineAsync($"SmartcarClean cannot start its embedded Smartcar emulator: {e.Message}");
    return 1;
}

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration, DataDirectory(builder));
builder.Services.AddWebServices();
builder.Services.AddRateLimits(builder.Configuration);
builder.Logging.KeepSecretsOutOfLogs();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync();

app.UseMiddleware<SecurityHeaders>();
app.UseExceptionHandler("/Error");
app.Use(RedirectUriHost.UseRedirectUriHost);
app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter(); // after authentication: signed-in requests are limited per user too
app.UseAuthorization();
app.MapRazorPages();

try
{
    await app.RunAsync();
}
catch (OptionsValidationException invalid)
{
    // Settings Smartcar would refuse: say which and why, without a stack trace.
    await Console.Error.WriteLineAsync("SmartcarClean cannot start:\n  " + string.Join("\n  ", invalid.Failures));
    return 1;
}
catch (AggregateException invalid) when (invalid.InnerExceptions.All(e => e is OptionsValidationException))
{
    // Several settings sections wrong at once (e.g. Smartcar and RateLimits): name every failure.
    var failures = invalid.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
    await Console.Error.WriteLineAsync("SmartcarClean cannot start:\n  " + string.Join("\n  ", failures));
    return 1;
}
catch (InvalidOperationException unreadable) when (unreadable.InnerException is FormatException format)
{
    // A setting that is not even of the right type (e.g. Smartcar:Flow=Sideways): the binder names it.
    await Console.Error.WriteLineAsync($"SmartcarClean cannot start:\n  {unreadable.Message} {format.Message}");
    return 1;
}

return 0;

static string DataDirectory(WebApplicationBuilder builder) =>
    Path.GetFullPath(builder.Configuration["DataDirectory"] ?? "App_Data", builder.Environment.ContentRootPath);

public partial class Program;
