using SmartcarClean.Application;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Persistence;
using SmartcarClean.Web.Services;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.ApplySmartcarEnvironment();
builder.StartEmbeddedEmulatorIfEnabled();

builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration, DataDirectory(builder));
builder.Services.AddWebServices();

var app = builder.Build();

await app.Services.MigrateDatabaseAsync();

app.UseExceptionHandler("/Error");
app.Use(RedirectUriHost.UseRedirectUriHost);
app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.Use(CurrentBrowserUser.EnsureBrowserUser);
app.UseAuthorization();
app.MapRazorPages();

await app.RunAsync();

static string DataDirectory(WebApplicationBuilder builder) =>
    Path.GetFullPath(builder.Configuration["DataDirectory"] ?? "App_Data", builder.Environment.ContentRootPath);

public partial class Program;
