using System.Diagnostics.Metrics;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartcarClean.Application;
using SmartcarClean.Application.Connect.HandleRedirect;
using SmartcarClean.Application.Connect.StartConnect;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;
using SmartcarClean.Infrastructure.Persistence;
using SmartcarClean.Unit.Databases;

namespace SmartcarClean.Unit.Application;

/// <summary>
/// The Application layer as the web app composes it (mediator, validation pipeline, real handlers, the real DbContext
/// on a real database of its own, as the app runs it: a SQLite file, or a PostgreSQL database when a test asks for one;
/// handlers use ExecuteDelete, which EF Core InMemory cannot run), with Smartcar replaced by recording fakes and time by
/// a FakeTimeProvider.
/// </summary>
internal sealed class HandlerTestHost : IDisposable
{
    public const string RedirectUri = "http://localhost:8000/exchange";
    public const string PopupRedirectUri = "https://javascript-sdk.smartcar.com/v2/redirect?app_origin=http://localhost:8000";

    private readonly ServiceProvider _services;
    private readonly string _dataDirectory;
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly IDataProtectionProvider _keyRing;

    public HandlerTestHost(DatabaseProvider engine = DatabaseProvider.Sqlite)
        : this(engine, sharedWith: null)
    {
    }

    // sharedWith: another app instance on the same database, key ring, Smartcar, clock and user, with singletons of its own.
    private HandlerTestHost(DatabaseProvider engine, HandlerTestHost? sharedWith)
    {
        _dataDirectory = sharedWith?._dataDirectory ?? Directory.CreateTempSubdirectory("smartcarclean-handlers-").FullName;
        _database = sharedWith?._database ?? TestDatabase.Create(engine, _dataDirectory);
        _ownsDatabase = sharedWith is null;
        _keyRing = sharedWith?._keyRing ?? new EphemeralDataProtectionProvider();
        Time = sharedWith?.Time ?? new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        User = sharedWith?.User ?? new() { Id = "user-a", SessionId = "session-a" };
        Smartcar = sharedWith?.Smartcar ?? new();
        Options = sharedWith?.Options ?? NewOptions();

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging();
        services.AddMetrics();
        services.AddApplication();
        services.AddSingleton(_keyRing);
        services.AddAppDatabase(_database.Options);
        services.AddSingleton<ICurrentUser>(User);
        services.AddSingleton<ISmartcarAuth>(Smartcar);
        services.AddSingleton<ISmartcarApi>(Smartcar);
        services.AddSingleton<ISmartcarApiV3>(Smartcar);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(Options));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreated();
    }

    public FakeTimeProvider Time { get; }

    public TestUser User { get; }

    public FakeSmartcar Smartcar { get; }

    public SmartcarOptions Options { get; }

    /// <summary>A second app instance beside this one (ADR-013): what it keeps in memory is its own, the rest is shared.</summary>
    public HandlerTestHost AnotherInstance() => new(DatabaseProvider.Sqlite, this);

    /// <summary>Where the app's counters are made; a test reads them with a MetricCollector on it.</summary>
    public IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    /// <summary>Sends a request in its own scope, as one web request would.</summary>
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

    /// <summary>Runs an internal step of a use case (a service, not a request) in its own scope, as its handler would.</summary>
    public async Task<T> RunStepAsync<TStep, T>(Func<TStep, Task<T>> run)
        where TStep : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TStep>());
    }

    /// <summary>A whole classic Connect for the current user: StartConnect, then a redirect with a code and its state.</summary>
    public async Task ConnectAsync(string code = "code-1")
    {
        var url = (await SendAsync(new StartConnect())).Url;
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query)["state"].ToString();
        (await SendAsync(new HandleRedirect(code, state, null, null))).Succeeded.ShouldBeTrue();
    }

    /// <summary>
    /// Stores a connection of the current user whose tokens read back as <see cref="TokenSet.Unreadable"/>, as the
    /// SQLite store reads tokens encrypted under a lost key ring (see SqliteStorageTests).
    /// </summary>
    public async Task<Guid> AddConnectionWithUnreadableTokensAsync(params string[] vehicleIds)
    {
        var now = Time.GetUtcNow();
        var tokens = new TokenSet(TokenSet.Unreadable, TokenSet.Unreadable, now.AddHours(2), now + TokenSet.RefreshTokenLifetime);
        var connection = Connection.Create(User.Id, tokens, vehicleIds, now);
        await QueryDbAsync(db =>
        {
            db.Connections.Add(connection);
            return db.SaveChangesAsync();
        });
        return connection.Id;
    }

    public async Task<T> QueryDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Polls until concurrent work reached a point a test holds it at; fails after 10 seconds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public void Dispose()
    {
        _services.Dispose();
        if (_ownsDatabase)
        {
            _database.Dispose();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static SmartcarOptions NewOptions()
    {
        var options = new SmartcarOptions
        {
            ClientId = "client-123",
            ClientSecret = "secret",
            RedirectUri = RedirectUri,
            Mode = "test",
            ConnectBaseUrl = new Uri("http://connect.example"),
        };
        options.Scopes.Add("read_vehicle_info");
        options.Scopes.Add("required:read_odometer");
        return options;
    }
}

internal sealed class TestUser : ICurrentUser
{
    public required string Id { get; set; }

    public required string SessionId { get; set; }
}

/// <summary>Smartcar's token endpoint and API as recording fakes; each test sets what they answer.</summary>
internal sealed class FakeSmartcar : ISmartcarAuth, ISmartcarApi, ISmartcarApiV3
{
    public List<(string Code, string? RedirectUri)> Exchanges { get; } = [];

    public List<string> ApiCalls { get; } = [];

    public Exception? ExchangeFailure { get; set; }

    public Exception? ApiFailure { get; set; }

    public TokenResponse NextTokens { get; set; } = new("access-1", "refresh-1", 7200);

    public Dictionary<string, VehicleAttributes> Vehicles { get; } = new()
    {
        ["v-1"] = new VehicleAttributes("v-1", "TESLA", "Model 3", 2021),
    };

    /// <summary>Per code a Connect session issued (<see cref="IssueCode"/>), the Smartcar user who signed in to it.</summary>
    public Dictionary<string, string> CodeUsers { get; } = [];

    /// <summary>Refuse codes <see cref="IssueCode"/> did not issue, as Smartcar refuses a made-up code.</summary>
    public bool RefusesUnissuedCodes { get; set; }

    /// <summary>A code of a Connect session the Smartcar user signed in to; its tokens belong to that user.</summary>
    public string IssueCode(string smartcarUserId)
    {
        var code = $"code-{CodeUsers.Count + 1}-of-{smartcarUserId}";
        CodeUsers[code] = smartcarUserId;
        return code;
    }

    public Task<TokenResponse> ExchangeCodeAsync(string code, string? redirectUri, CancellationToken cancellationToken)
    {
        Exchanges.Add((code, redirectUri));
        if (ExchangeFailure is not null)
        {
            return Task.FromException<TokenResponse>(ExchangeFailure);
        }

        if (CodeUsers.TryGetValue(code, out var smartcarUserId))
        {
            return Task.FromResult(new TokenResponse($"{UserAccessTokenPrefix}{smartcarUserId}", $"refresh-of-{smartcarUserId}", 7200));
        }

        return RefusesUnissuedCodes
            ? Task.FromException<TokenResponse>(new SmartcarAuthException("invalid_request", $"Invalid code: {code}."))
            : Task.FromResult(NextTokens);
    }

    private const string UserAccessTokenPrefix = "access-of-";

    /// <summary>The user an access token from <see cref="IssueCode"/>'s codes belongs to; others belong to "sc-user-of-TOKEN".</summary>
    public Task<string> GetUserIdAsync(string accessToken, CancellationToken cancellationToken)
    {
        lock (ApiCalls)
        {
            ApiCalls.Add($"user {accessToken}");
        }

        if (ApiFailure is not null)
        {
            return Task.FromException<string>(ApiFailure);
        }

        return Task.FromResult(accessToken.StartsWith(UserAccessTokenPrefix, StringComparison.Ordinal)
            ? accessToken[UserAccessTokenPrefix.Length..]
            : $"sc-user-of-{accessToken}");
    }

    /// <summary>Smartcar forgets the user and their connections; a user it does not know is 404.</summary>
    public Task DeleteUserAsync(string applicationToken, string smartcarUserId, CancellationToken cancellationToken)
    {
        lock (ApiCalls)
        {
            ApiCalls.Add($"v3 delete user {smartcarUserId} {applicationToken}");
        }

        if (ApiFailure is not null)
        {
            return Task.FromException(ApiFailure);
        }

        return SmartcarUsers.Remove(smartcarUserId)
            ? Task.CompletedTask
            : Task.FromException(new SmartcarApiException(404, "RESOURCE_NOT_FOUND", "USER_NOT_FOUND", null));
    }

    public List<string> Refreshes { get; } = [];

    public Exception? RefreshFailure { get; set; }

    /// <summary>Lets a test hold refreshes in flight, to make concurrent requests overlap.</summary>
    public TaskCompletionSource? RefreshGate { get; set; }

    public async Task<TokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        lock (Refreshes)
        {
            Refreshes.Add(refreshToken);
        }

        if (RefreshGate is not null)
        {
            await RefreshGate.Task;
        }

        var count = Refreshes.Count;
        return RefreshFailure is null
            ? new TokenResponse($"access-{count + 1}", $"refresh-{count + 1}", 7200)
            : throw RefreshFailure;
    }

    /// <summary>Lets a test hold vehicle lists in flight, to see which calls overlap.</summary>
    public TaskCompletionSource? ListGate { get; set; }

    /// <summary>Why the client stopped reading Smartcar's pages early, as it reports it with the ids.</summary>
    public ListingCut? ListCutShort { get; set; }

    /// <summary>Lets a test hold attribute reads in flight (of <see cref="HeldVehicles"/> only, when any are named).</summary>
    public TaskCompletionSource? AttributesGate { get; set; }

    public HashSet<string> HeldVehicles { get; } = [];

    private int _attributesInFlight;

    public int AttributesInFlight => Volatile.Read(ref _attributesInFlight);

    public int MostAttributesInFlight { get; private set; }

    /// <summary>Per access token, the vehicles it reaches; tokens not listed reach every vehicle.</summary>
    public Dictionary<string, List<string>> VehiclesByToken { get; } = [];

    public async Task<VehicleIdList> ListVehicleIdsAsync(string accessToken, CancellationToken cancellationToken)
    {
        lock (ApiCalls)
        {
            ApiCalls.Add($"list {accessToken}");
        }

        if (ListGate is not null)
        {
            await ListGate.Task;
        }

        return ApiFailure is null
            ? new VehicleIdList(VehiclesByToken.GetValueOrDefault(accessToken) ?? [.. Vehicles.Keys], ListCutShort)
            : throw ApiFailure;
    }

    public List<string> Permissions { get; } = ["read_vehicle_info", "read_odometer", "read_security", "control_security"];

    /// <summary>Per endpoint path, the error Smartcar answers instead of a reading.</summary>
    public Dictionary<string, SmartcarApiException> ReadFailures { get; } = [];

    public Exception? CommandFailure { get; set; }

    public List<string> Commands { get; } = [];

    public DateTimeOffset DataAge { get; } = new(2026, 11, 23, 11, 55, 0, TimeSpan.Zero);

    /// <summary>Paths in each batch asked for, one entry per batch (e.g. "permissions,vin,odometer").</summary>
    public List<string> Batches { get; } = [];

    public Task<IReadOnlyDictionary<string, BatchAnswer>> ReadBatchAsync(
        string accessToken, string vehicleId, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        lock (ApiCalls)
        {
            ApiCalls.Add($"batch {string.Join(',', paths)} {vehicleId} {accessToken}");
            Batches.Add(string.Join(',', paths));
        }

        if (ApiFailure is not null)
        {
            return Task.FromException<IReadOnlyDictionary<string, BatchAnswer>>(ApiFailure);
        }

        return Task.FromResult<IReadOnlyDictionary<string, BatchAnswer>>(paths.ToDictionary(path => path, BatchAnswerFor));
    }

    /// <summary>What Smartcar answers for one path: a reading with its value, a refusal for a permission not granted, or a failure set by a test.</summary>
    private BatchAnswer BatchAnswerFor(string path)
    {
        if (ReadFailures.TryGetValue(path, out var failure))
        {
            return new BatchAnswer.Failed(failure);
        }

        object value = path switch
        {
            "permissions" => new { permissions = Permissions.ToList() },
            "vin" => new VehicleIdentification("0SCTESLA00000001A"),
            "odometer" => new Odometer(12345.6),
            "location" => new Location(39.74, -104.99),
            "fuel" => new Fuel(300, 0.5, 20),
            "battery" => new Battery(250, 0.8),
            "charge" => new Charge(true, "CHARGING"),
            "security" => new LockStatus(true),
            _ => throw new NotSupportedException(path),
        };
        var permitted = path == "permissions" || Permissions.Contains(path switch
        {
            "security" => "read_security",
            _ => $"read_{path}",
        });
        return permitted
            ? new BatchAnswer.Read(System.Text.Json.JsonSerializer.Serialize(value, System.Text.Json.JsonSerializerOptions.Web), DataAge, "metric")
            : new BatchAnswer.Failed(new SmartcarApiException(403, "PERMISSION", null, "not permitted") { Resolution = "REAUTHENTICATE" });
    }

    public List<string> Disconnects { get; } = [];

    public Task DisconnectAsync(string accessToken, string vehicleId, CancellationToken cancellationToken)
    {
        Disconnects.Add($"{vehicleId} {accessToken}");
        return CommandFailure is null ? Task.CompletedTask : Task.FromException(CommandFailure);
    }

    public Task<string> SetLockAsync(string accessToken, string vehicleId, bool locked, CancellationToken cancellationToken)
    {
        Commands.Add($"{(locked ? "LOCK" : "UNLOCK")} {vehicleId} {accessToken}");
        return CommandFailure is null ? Task.FromResult("Successfully sent request to vehicle") : Task.FromException<string>(CommandFailure);
    }

    public async Task<VehicleAttributes> GetAttributesAsync(string accessToken, string vehicleId, CancellationToken cancellationToken)
    {
        lock (ApiCalls)
        {
            ApiCalls.Add($"attributes {vehicleId} {accessToken}");
            MostAttributesInFlight = Math.Max(MostAttributesInFlight, Interlocked.Increment(ref _attributesInFlight));
        }

        try
        {
            if (AttributesGate is { } gate && (HeldVehicles.Count == 0 || HeldVehicles.Contains(vehicleId)))
            {
                await gate.Task.WaitAsync(cancellationToken);
            }

            return Vehicles[vehicleId];
        }
        finally
        {
            Interlocked.Decrement(ref _attributesInFlight);
        }
    }

    public List<string> ApplicationTokenRequests { get; } = [];

    public Exception? ApplicationTokenFailure { get; set; }

    /// <summary>Lets a test hold application-token fetches in flight, to make concurrent requests overlap.</summary>
    public TaskCompletionSource? ApplicationTokenGate { get; set; }

    public async Task<ApplicationTokenResponse> GetApplicationTokenAsync(CancellationToken cancellationToken)
    {
        int count;
        lock (ApplicationTokenRequests)
        {
            ApplicationTokenRequests.Add("client_credentials");
            count = ApplicationTokenRequests.Count;
        }

        if (ApplicationTokenGate is not null)
        {
            await ApplicationTokenGate.Task;
        }

        return ApplicationTokenFailure is null ? new ApplicationTokenResponse($"app-token-{count}", 3600) : throw ApplicationTokenFailure;
    }

    /// <summary>Per Smartcar user id, the vehicles they connected (server-side flow).</summary>
    public Dictionary<string, List<string>> SmartcarUsers { get; } = [];

    /// <summary>Application tokens Smartcar no longer accepts (answered with 401).</summary>
    public HashSet<string> RevokedApplicationTokens { get; } = [];

    public Task<VehicleIdList> ListConnectedVehicleIdsAsync(string applicationToken, string smartcarUserId, CancellationToken cancellationToken)
    {
        lock (ApiCalls)
        {
            ApiCalls.Add($"v3 connections {smartcarUserId} {applicationToken}");
        }

        if (RevokedApplicationTokens.Contains(applicationToken))
        {
            return Task.FromException<VehicleIdList>(new SmartcarApiException(401, "AUTHENTICATION", "UNAUTHORIZED", null));
        }

        return ApiFailure is null
            ? Task.FromResult(new VehicleIdList(SmartcarUsers.GetValueOrDefault(smartcarUserId) ?? []))
            : Task.FromException<VehicleIdList>(ApiFailure);
    }

    public Task<VehicleAttributes> GetVehicleAsync(string applicationToken, string smartcarUserId, string vehicleId, CancellationToken cancellationToken)
    {
        lock (ApiCalls)
        {
            ApiCalls.Add($"v3 vehicle {vehicleId} {smartcarUserId} {applicationToken}");
        }

        return Task.FromResult(Vehicles[vehicleId]);
    }

    // The server-side vehicle page is tested against the real emulator (ServerSideVehiclePageTests), not this fake.
    public Task<IReadOnlyList<Signal>> ReadSignalsAsync(string applicationToken, string smartcarUserId, string vehicleId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Use EmulatorHandlerHost for the server-side vehicle page.");

    public Task SetLockAsync(string applicationToken, string smartcarUserId, string vehicleId, bool locked, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Use EmulatorHandlerHost for the server-side vehicle page.");

    public Task DeleteConnectionAsync(string applicationToken, string connectionId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Use EmulatorHandlerHost for the server-side vehicle page.");
}
