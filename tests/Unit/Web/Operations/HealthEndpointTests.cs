using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application.Options;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Unit.Web.Operations;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (database reachable and migrated, key ring usable)
/// for a load balancer: over plain http even where the site is https only, without signing in, and saying nothing but
/// Healthy or Unhealthy. Each app is deployed (Production) on a real socket with a database and key ring of its own, on
/// each engine the app runs on.
/// </summary>
public abstract class HealthEndpointTests(DatabaseProvider engine)
{
    [Fact]
    public async Task An_app_on_an_empty_database_migrates_it_at_start_and_is_live_and_ready_over_plain_http_without_signing_in()
    {
        await using var app = new DeployedApp(engine, emptyDatabase: true);
        using var client = KestrelClient.For(app.Services);

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            response.Headers.CacheControl!.NoStore.ShouldBeTrue("a probe must see now, not a cached answer");
            response.Headers.Contains("Content-Security-Policy").ShouldBeTrue("the security headers, as on every response");
        }
    }

    [Fact]
    public async Task A_database_missing_a_migration_is_not_ready_and_the_answer_names_nothing()
    {
        await using var app = new DeployedApp(engine);
        await app.WithDatabaseAsync(db => db.Database.ExecuteSqlRawAsync(
            """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory")"""));

        await ShouldAnswerAsync(app, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
        await ShouldAnswerAsync(app, "/health/live", HttpStatusCode.OK, "Healthy");
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_not_ready()
    {
        await using var app = new DeployedApp(engine);
        app.Database!.MakeUnreachable();

        await ShouldAnswerAsync(app, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
        await ShouldAnswerAsync(app, "/health/live", HttpStatusCode.OK, "Healthy");
    }

    [Fact]
    public async Task A_key_ring_without_a_usable_key_is_not_ready()
    {
        // An empty key ring that may not make its first key: nothing can be protected, or read back.
        await using var app = new DeployedApp(engine, services: services => services.Configure<KeyManagementOptions>(options => options.AutoGenerateKeys = false));

        await ShouldAnswerAsync(app, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
        await ShouldAnswerAsync(app, "/health/live", HttpStatusCode.OK, "Healthy");
    }

    private static async Task ShouldAnswerAsync(DeployedApp app, string path, HttpStatusCode status, string body)
    {
        using var client = KestrelClient.For(app.Services);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.ShouldBe(status, path);
        (await response.Content.ReadAsStringAsync()).ShouldBe(body, path);
    }

    /// <summary>The app as deployed (https only, behind no proxy), on a real socket.</summary>
    private sealed class DeployedApp : TestWebApp
    {
        private readonly Action<IServiceCollection> _services;

        public DeployedApp(DatabaseProvider engine, bool emptyDatabase = false, Action<IServiceCollection>? services = null)
            : base(engine, emptyDatabase)
        {
            _services = services ?? (_ => { });
            UseKestrel(0);
            StartServer();
        }

        public async Task<T> WithDatabaseAsync<T>(Func<AppDbContext, Task<T>> use)
        {
            await using var scope = Services.CreateAsyncScope();
            return await use(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Smartcar:ClientId", "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
            builder.UseSetting("Smartcar:ClientSecret", "the-real-client-secret");
            builder.UseSetting("Smartcar:RedirectUri", "https://app.example.com/exchange");
            builder.ConfigureTestServices(_services);
        }
    }
}

public sealed class HealthEndpointsOnSqlite() : HealthEndpointTests(DatabaseProvider.Sqlite);

public sealed class HealthEndpointsOnPostgreSql() : HealthEndpointTests(DatabaseProvider.PostgreSql);
