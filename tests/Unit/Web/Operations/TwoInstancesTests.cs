using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartcarClean.Application.Options;
using SmartcarClean.Unit.Databases;

namespace SmartcarClean.Unit.Web.Operations;

/// <summary>
/// Several app instances (ADR-013) as an operator runs them: two processes of the built app (real Kestrel, dynamic
/// loopback ports, data folders of their own) on one PostgreSQL database (empty: the first instance migrates it), and one standalone emulator process whose access
/// tokens last 5 minutes and a few seconds, so that the app renews them (5 minutes before expiry) a few seconds after
/// connecting. A user's cookie works on either instance, as behind a load balancer.
/// </summary>
public sealed partial class TwoInstancesTests : IAsyncLifetime
{
    // The app renews an access token 5 minutes before it expires (TokenSet.RefreshSkew): due this long after it is issued.
    private static readonly TimeSpan RenewedAfter = TimeSpan.FromSeconds(15);

    private readonly string _folder = Directory.CreateTempSubdirectory("smartcarclean-instances-").FullName;
    private readonly List<Process> _processes = [];
    private readonly List<Task> _logs = [];
    private readonly TestDatabase _database;

    public TwoInstancesTests() => _database = TestDatabase.Create(DatabaseProvider.PostgreSql, _folder, empty: true);

    [Fact]
    public async Task Two_instances_on_one_database_refresh_a_connection_once_and_one_stopped_mid_refresh_loses_nothing()
    {
        var emulator = await StartAsync(
            EmulatorDll(), ["--port", "0"], new() { ["Emulator__AccessTokenLifetime"] = $"00:05:{RenewedAfter.Seconds:00}" }, EmulatorListening());
        // One after the other, as the README says: the first migrates the empty database and makes the key ring's first key.
        var first = await StartAppAsync("a", emulator);
        var second = await StartAppAsync("b", emulator);

        // A Connect started on one instance finishes on the other.
        using var racer = new User(first, second, emulator);
        var racerConnected = await racer.ConnectAsync(startOn: first, finishOn: second);
        using var stopped = new User(first, second, emulator);
        var stoppedConnected = await stopped.ConnectAsync(startOn: second, finishOn: first);
        (await racer.LoadVehicleAsync(first)).ShouldBe(HttpStatusCode.OK);
        (await stopped.LoadVehicleAsync(second)).ShouldBe(HttpStatusCode.OK);
        var tokenCalls = await TokenCallsAsync(emulator);
        var batches = await BatchesAsync(emulator);

        // 200 page loads at once, alternating between the instances, once the access token is due for renewal.
        await WaitUntilAsync(racerConnected + RenewedAfter + TimeSpan.FromSeconds(1));
        var raceStarted = DateTimeOffset.UtcNow; // the other connection was renewed before this at the latest (a slow machine)
        var loads = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => racer.LoadVehicleAsync(i % 2 == 0 ? first : second)));

        loads.ShouldAllBe(status => status == HttpStatusCode.OK);
        (await TokenCallsAsync(emulator)).ShouldBe(tokenCalls + 1, "one POST /oauth/token for 200 page loads on two instances");
        (await BatchesAsync(emulator)).ShouldBe(batches, "the readings one instance stored are fresh for both");
        await racer.LockAsync(second);
        (await LocksAsync(emulator)).ShouldBe(1, "the connection works afterwards: Smartcar took its lock command");
        (await TokenCallsAsync(emulator)).ShouldBe(tokenCalls + 1);

        // The first instance is stopped while Smartcar holds its refresh; the second completes it.
        await WaitUntilAsync((stoppedConnected > raceStarted ? stoppedConnected : raceStarted) + RenewedAfter + TimeSpan.FromSeconds(1));
        await PostJsonAsync(emulator, "/_emulator/faults", """{"method":"POST","path":"/oauth/token","kind":"delay","delayMilliseconds":30000}""");
        var cutShort = stopped.LoadVehicleAsync(first);
        await Task.Delay(TimeSpan.FromSeconds(3)); // its refresh is held at the emulator (30 s), under its lease (15 s)
        cutShort.IsCompleted.ShouldBeFalse("the first instance is in the middle of the refresh");
        _processes[1].Kill(entireProcessTree: true);
        await cutShort.ContinueWith(_ => { }, TaskScheduler.Default);

        (await stopped.LoadVehicleAsync(second)).ShouldBe(HttpStatusCode.OK, "the second instance takes over once the lease runs out");
        await stopped.LockAsync(second);
        (await LocksAsync(emulator)).ShouldBe(2, "nothing was lost: Smartcar took a lock command with the stored tokens");
    }

    private async Task<string> StartAppAsync(string name, string emulator)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DataDirectory"] = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName,
            ["Database__Provider"] = _database.Engine.ToString(),
            ["ConnectionStrings__Default"] = _database.Options.ConnectionString!,
            ["Emulator__Enabled"] = "false",
            ["Smartcar__ClientId"] = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            ["Smartcar__ClientSecret"] = "emulator-client-secret",
            // The one registered in the emulator; the test sends Connect's redirect to whichever instance it chooses.
            ["Smartcar__RedirectUri"] = "http://localhost:8000/exchange",
            ["Smartcar__Mode"] = "test",
            ["Smartcar__ConnectBaseUrl"] = emulator,
            ["Smartcar__AuthBaseUrl"] = emulator,
            ["Smartcar__ApiBaseUrl"] = emulator,
            ["Smartcar__ApplicationAuthBaseUrl"] = emulator,
            ["Smartcar__VehicleApiBaseUrl"] = emulator,
            ["Smartcar__JavaScriptSdkBaseUrl"] = emulator,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        return await StartAsync(WebDll(), ["--urls", "http://127.0.0.1:0"], settings, AppListening(), name);
    }

    /// <summary>Starts <c>dotnet DLL</c> with only these settings in its environment; returns the address it listens on.</summary>
    private async Task<string> StartAsync(string dll, string[] args, Dictionary<string, string> environment, Regex listening, string logName = "emulator")
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var inherited in start.Environment.Keys.Where(IsSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        _processes.Add(process);
        // What each process writes is kept (beside the test's output) to see why, when this test fails.
        var log = Path.Combine(AppContext.BaseDirectory, $"two-instances-{logName}.log");
        var errors = process.StandardError.ReadToEndAsync();
        _logs.Add(errors.ContinueWith(e => File.WriteAllText($"{log}.err", e.Result), TaskScheduler.Default));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (listening.Match(line) is { Success: true } match)
            {
                // Keep draining, so it never blocks on a full pipe.
                _logs.Add(process.StandardOutput.ReadToEndAsync(CancellationToken.None).ContinueWith(o => File.WriteAllText(log, o.Result), TaskScheduler.Default));
                return match.Groups[1].Value;
            }
        }

        throw new InvalidOperationException($"{Path.GetFileName(dll)} did not start: {await errors}");
    }

    // Settings from the shell that runs the tests would change what the processes do.
    private static bool IsSetting(string name) =>
        name.StartsWith("Emulator__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("EMULATOR_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Smartcar__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("SMARTCAR_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase);

    // Each as built in its own project, with its own appsettings.json beside it (both are named so).
    private static string EmulatorDll() => Built("emulator", "SmartcarClean.Emulator.dll");

    private static string WebDll() => Built(Path.Combine("src", "Web"), "SmartcarClean.Web.dll");

    private static string Built(string project, string dll)
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(repository.FullName, "SmartcarClean.sln")))
        {
            repository = repository.Parent ?? throw new InvalidOperationException("SmartcarClean.sln not found above the test's folder");
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0/
        return Path.Combine(repository.FullName, project, "bin", configuration, "net10.0", dll);
    }

    // Refreshes the emulator answered (a refresh cut short by a stopped instance may be logged or not).
    private static Task<int> TokenCallsAsync(string emulator) => CountRequestsAsync(emulator, r =>
        r.GetProperty("path").GetString()!.StartsWith("/oauth/token", StringComparison.Ordinal)
        && r.GetProperty("body").GetString()!.Contains("grant_type=refresh_token", StringComparison.Ordinal));

    private static Task<int> BatchesAsync(string emulator) => CountRequestsAsync(emulator, r =>
        r.GetProperty("path").GetString()!.EndsWith("/batch", StringComparison.Ordinal));

    private static Task<int> LocksAsync(string emulator) => CountRequestsAsync(emulator, r =>
        r.GetProperty("path").GetString()!.EndsWith("/security", StringComparison.Ordinal) && r.GetProperty("statusCode").GetInt32() == 200);

    private static async Task<int> CountRequestsAsync(string emulator, Func<JsonElement, bool> matches)
    {
        using var http = new HttpClient();
        using var log = JsonDocument.Parse(await http.GetStringAsync(new Uri($"{emulator}/_emulator/requests")));
        return log.RootElement.EnumerateArray().Count(r => r.GetProperty("method").GetString() == "POST" && matches(r));
    }

    private static async Task PostJsonAsync(string emulator, string path, string json)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri($"{emulator}{path}"), new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static async Task WaitUntilAsync(DateTimeOffset instant)
    {
        if (instant - DateTimeOffset.UtcNow is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        await Task.WhenAll(_logs);
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex EmulatorListening();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex AppListening();

    /// <summary>
    /// One person's browser: one cookie jar for both instances (cookies ignore the port, as behind one proxy), and the
    /// emulator's Connect pages walked as a browser would.
    /// </summary>
    private sealed partial class User(string first, string second, string emulator) : IDisposable
    {
        private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new() })
        {
            Timeout = TimeSpan.FromSeconds(60),
        };

        private string? _vehicleId;

        /// <summary>Registers on the first instance, connects one car; returns when the tokens were issued.</summary>
        public async Task<DateTimeOffset> ConnectAsync(string startOn, string finishOn)
        {
            var email = $"user-{Guid.NewGuid():N}@example.com";
            using var registered = await SubmitAsync(first, "/account/register", new()
            {
                ["Input.Email"] = email,
                ["Input.Password"] = WebSession.Password,
                ["Input.ConfirmPassword"] = WebSession.Password,
            });
            registered.StatusCode.ShouldBe(HttpStatusCode.Redirect);

            using var login = await _http.GetAsync(new Uri($"{startOn}/login"));
            login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var redirect = await WalkConnectAsync(login.Headers.Location!, email);

            var issued = DateTimeOffset.UtcNow;
            using var exchange = await _http.GetAsync(new Uri($"{finishOn}/exchange{redirect.Query}"));
            exchange.StatusCode.ShouldBe(HttpStatusCode.Redirect, await exchange.Content.ReadAsStringAsync());
            exchange.Headers.Location!.OriginalString.ShouldStartWith("/vehicles");

            var vehicles = await _http.GetStringAsync(new Uri($"{second}/vehicles"));
            _vehicleId = VehicleLink().Match(vehicles).Groups[1].Value;
            _vehicleId.ShouldNotBeNullOrEmpty(vehicles);
            return issued;
        }

        /// <summary>The car's page; OK only when it shows the car (not a page asking to connect again or saying why not).</summary>
        public async Task<HttpStatusCode> LoadVehicleAsync(string instance)
        {
            using var page = await _http.GetAsync(new Uri($"{instance}/vehicles/{_vehicleId}"));
            var html = await page.Content.ReadAsStringAsync();
            return page.StatusCode == HttpStatusCode.OK && html.Contains("Refresh now", StringComparison.Ordinal)
                ? HttpStatusCode.OK
                : page.StatusCode == HttpStatusCode.OK ? HttpStatusCode.ServiceUnavailable : page.StatusCode;
        }

        public async Task LockAsync(string instance)
        {
            using var locked = await SubmitAsync(instance, $"/vehicles/{_vehicleId}", [], $"/vehicles/{_vehicleId}?handler=Lock");
            locked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        private async Task<HttpResponseMessage> SubmitAsync(string instance, string path, Dictionary<string, string> fields, string? postPath = null)
        {
            var page = await _http.GetStringAsync(new Uri($"{instance}{path}"));
            fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
            return await _http.PostAsync(new Uri($"{instance}{postPath ?? path}"), new FormUrlEncodedContent(fields));
        }

        // Connect's pages at the emulator: continue, brand, sign in, allow; returns the redirect back to the app.
        private async Task<Uri> WalkConnectAsync(Uri authorize, string email)
        {
            var page = await _http.GetStringAsync(authorize);
            if (page.Contains("id=\"continue-button\"", StringComparison.Ordinal))
            {
                page = await _http.GetStringAsync(At(FormAction(page)));
            }

            if (page.Contains("class=\"brand-list-item\"", StringComparison.Ordinal))
            {
                page = await _http.GetStringAsync(At($"{FormAction(page)}?make=TESLA"));
            }

            using var signIn = await _http.PostAsync(At(FormAction(page)), Form(("username", email), ("password", "any-password")));
            signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            page = await _http.GetStringAsync(At(signIn.Headers.Location!.OriginalString));
            using var decision = await _http.PostAsync(At(FormAction(page)), Form(("decision", "allow")));
            decision.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            return decision.Headers.Location!;
        }

        private Uri At(string pathOrUrl) => new(new Uri(emulator), pathOrUrl);

        private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
            new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

        private static string FormAction(string html) => WebUtility.HtmlDecode(FormActionAttribute().Match(html).Groups[1].Value);

        public void Dispose() => _http.Dispose();

        [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
        private static partial Regex FormActionAttribute();

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex AntiforgeryField();

        [GeneratedRegex("href=\"/vehicles/([^\"/]+)\"")]
        private static partial Regex VehicleLink();
    }
}
