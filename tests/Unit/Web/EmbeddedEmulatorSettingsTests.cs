using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Emulator;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// Offline, the app's embedded emulator takes every emulator setting from the app's own <c>Emulator</c> section, by
/// the names the standalone emulator uses (emulator/README.md, "Settings").
/// </summary>
public sealed class EmbeddedEmulatorSettingsTests
{
    [Fact]
    public async Task A_token_lifetime_in_the_apps_Emulator_section_is_the_expires_in_of_the_embedded_token_endpoint()
    {
        using var app = new OfflineApp();
        var emulator = app.Services.GetRequiredService<SmartcarEmulator>();
        var demo = app.Services.GetRequiredService<IConfiguration>().GetSection("Emulator");

        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri($"{emulator.BaseUrl}/oauth2/token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = demo["ClientId"]!,
            ["client_secret"] = demo["ClientSecret"]!,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("expires_in").GetInt32().ShouldBe(600);
        emulator.World.Lifetimes.AccessToken.ShouldBe(TimeSpan.FromSeconds(330));
    }

    /// <summary>The app as <c>dotnet run</c> starts it offline (Development's demo client), with emulator settings of its own.</summary>
    private sealed class OfflineApp : TestWebApp
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Emulator:Enabled", "true");
            builder.UseSetting("Emulator:Port", "0");
            builder.UseSetting("Emulator:ApplicationTokenLifetime", "00:10:00");
            builder.UseSetting("Emulator:AccessTokenLifetime", "00:05:30");
        }
    }
}
