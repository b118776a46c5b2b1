using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmartcarClean.Application;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Application.Connect.StartConnect;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Emulator;
using SmartcarClean.Emulator.Testing;
using SmartcarClean.Infrastructure;
using SmartcarClean.Infrastructure.Persistence;
using SmartcarClean.Unit.Databases;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// The Application and Infrastructure layers as the web app composes them (real handlers, the real Smartcar clients over
/// HTTP, the migrated database: a SQLite file, or PostgreSQL when a test asks for it) against the real emulator on a dynamic port, sharing its clock. Where
/// <see cref="HandlerTestHost"/> fakes Smartcar, this one counts what the app really asks it.
/// </summary>
internal sealed class EmulatorHandlerHost : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-emulated-").FullName;
    private readonly ServiceProvider _services;
    private readonly TestDatabase _database;

    public EmulatorHandlerHost(
        ConnectFlow flow = ConnectFlow.Classic, IDictionary<string, string?>? settings = null, DatabaseProvider engine = DatabaseProvider.Sqlite)
    {
        _database = TestDatabase.Create(engine, _dataDirectory);
        var configuration = new Dictionary<string, string?>
        {
            ["Smartcar:ClientId"] = EmulatorDriver.ClientId,
            ["Smartcar:ClientSecret"] = EmulatorDriver.ClientSecret,
            ["Smartcar:RedirectUri"] = EmulatorDriver.RedirectUri,
            ["Smartcar:Mode"] = "test",
            ["Smartcar:Flow"] = flow.ToString(),
            ["Smartcar:Scopes:0"] = "read_vehicle_info",
            ["Smartcar:ConnectBaseUrl"] = Emulator.BaseUrl,
            ["Smartcar:AuthBaseUrl"] = Emulator.BaseUrl,
            ["Smartcar:ApiBaseUrl"] = Emulator.BaseUrl,
            ["Smartcar:ApplicationAuthBaseUrl"] = Emulator.BaseUrl,
            ["Smartcar:VehicleApiBaseUrl"] = Emulator.BaseUrl,
        };
        foreach (var (key, value) in _database.Settings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            configuration[key] = value;
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Smartcar.Clock);
        services.AddApplication();
        services.AddInfrastructure(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build(), _dataDirectory);
        services.AddSingleton<ICurrentUser>(User);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.Migrate();
    }

    public EmulatorDriver Smartcar { get; } = new();

    public SmartcarEmulator Emulator => Smartcar.Emulator;

    public TestUser User { get; } = new() { Id = "user-a", SessionId = "session-a" };

    private int _requestsBefore;

    /// <summary>
    /// Every request the app made to Smartcar's API (v2.0 and v3) and token endpoints since <see cref="StartCounting"/>
    /// (Connect's pages, which the browser walks, are not the app's calls).
    /// </summary>
    public IReadOnlyList<RecordedRequest> SmartcarCalls =>
        [.. Emulator.Requests.Skip(_requestsBefore).Where(r => r.Path.StartsWith("/v2.0/", StringComparison.Ordinal)
            || r.Path.StartsWith("/v3/", StringComparison.Ordinal)
            || r.Path.StartsWith("/oauth/token", StringComparison.Ordinal)
            || r.Path.StartsWith("/oauth2/token", StringComparison.Ordinal))];

    public void StartCounting() => _requestsBefore = Emulator.Requests.Count;

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    public async Task<T> QueryDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>
    /// A whole Connect for the current user, as a browser walks it: StartConnect, the emulator's Connect pages signed in
    /// as <paramref name="email"/> (e.g. <c>50-vehicles@smartcar.com</c>), then the redirect back.
    /// </summary>
    /// <param name="email">Who signs in to Connect, e.g. <c>50-vehicles@smartcar.com</c>.</param>
    /// <param name="onlyVin">With a VIN, Connect grants that one car (single_select) instead of all of the account's.</param>
    public async Task<ConnectOutcome> ConnectAsync(string email, string? onlyVin = null)
    {
        var link = await SendAsync(new StartConnect());
        var authorizeUrl = link.Url.PathAndQuery + (onlyVin is null ? "" : $"&single_select=true&single_select_vin={onlyVin}");
        var redirect = EmulatorDriver.QueryOf(await Smartcar.ConnectAsync(email, authorizeUrl: authorizeUrl));
        return await SendAsync(new HandleRedirect(redirect.GetValueOrDefault("code"), redirect["state"], null, null)
        {
            UserId = redirect.GetValueOrDefault("user_id"),
        });
    }

    public void Dispose()
    {
        _services.Dispose();
        Smartcar.Dispose();
        _database.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
