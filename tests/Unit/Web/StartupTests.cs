using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// The real app process, started as a user would start it: with the app's own appsettings files, an environment
/// (Production unless a test says Development), and its settings from variables or user-secrets.
/// </summary>
public sealed partial class StartupTests : IDisposable
{
    private const string SmartcarConnect = "https://connect.smartcar.com";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-startup-").FullName;

    [Fact]
    public async Task The_app_refuses_to_start_with_a_redirect_uri_smartcar_would_refuse_and_says_why_in_one_line()
    {
        await using var app = await StartAsync("Production", new()
        {
            ["SMARTCAR_CLIENT_ID"] = "client",
            ["SMARTCAR_CLIENT_SECRET"] = "secret",
            ["SMARTCAR_REDIRECT_URI"] = "http://myapp.example.com/exchange",
        });

        app.ShouldHaveRefusedWithOneLine(
            "SmartcarClean cannot start: Smartcar:RedirectUri 'http://myapp.example.com/exchange' is not a redirect URI Smartcar accepts: http:// is allowed only for localhost");
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_an_unknown_connect_flow_and_names_the_setting_in_one_line()
    {
        await using var app = await StartAsync("Production", new()
        {
            ["SMARTCAR_CLIENT_ID"] = "client",
            ["SMARTCAR_CLIENT_SECRET"] = "secret",
            ["SMARTCAR_REDIRECT_URI"] = "http://localhost:8000/exchange",
            ["Smartcar__Flow"] = "Sideways",
        });

        app.ShouldHaveRefusedWithOneLine("SmartcarClean cannot start:");
        app.Error.ShouldContain("'Sideways' at 'Smartcar:Flow'");
        app.Error.ShouldContain("Sideways is not a valid value for ConnectFlow.");
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_a_key_ring_certificate_it_cannot_read_and_says_why_in_one_line()
    {
        await using var app = await StartAsync("Production", new()
        {
            ["SMARTCAR_CLIENT_ID"] = "client",
            ["SMARTCAR_CLIENT_SECRET"] = "secret",
            ["SMARTCAR_REDIRECT_URI"] = "http://localhost:8000/exchange",
            ["DataProtection__CertificatePath"] = "/no/such/key-ring.pfx",
        });

        app.ShouldHaveRefusedWithOneLine(
            "SmartcarClean cannot start: DataProtection:CertificatePath '/no/such/key-ring.pfx' cannot be used to protect the key ring");
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_a_rate_limit_that_could_never_be_met_and_names_every_bad_setting_in_one_line()
    {
        // A Smartcar setting wrong too: two sections fail at once, and both are named.
        await using var app = await StartAsync("Production", new()
        {
            ["SMARTCAR_CLIENT_ID"] = "client",
            ["SMARTCAR_CLIENT_SECRET"] = "secret",
            ["SMARTCAR_REDIRECT_URI"] = "http://localhost:8000/exchange",
            ["Smartcar__Mode"] = "production",
            ["RateLimits__SignIn__PerAddress"] = "0",
            ["RateLimits__Exchange__Window"] = "00:00:00",
        });

        app.ShouldHaveRefusedWithOneLine("SmartcarClean cannot start:");
        app.Error.ShouldContain("RateLimits:SignIn:PerAddress must be at least 1.");
        app.Error.ShouldContain("RateLimits:Exchange:Window must be longer than zero, e.g. 00:01:00.");
        app.Error.ShouldContain("Smartcar:Mode 'production' must be one of live, test, simulated.");
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_a_session_lifetime_that_is_not_positive()
    {
        await using var app = await StartAsync("Development", new()
        {
            ["Emulator__Port"] = "0",
            ["Accounts__AbsoluteSessionLifetime"] = "00:00:00",
        });

        app.ShouldHaveRefusedWithOneLine(
            "SmartcarClean cannot start: Accounts:AbsoluteSessionLifetime must be a positive duration, e.g. 30.00:00:00 for 30 days.");
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("2.00:00:00")]
    public async Task The_app_refuses_to_start_with_a_freshness_window_of_none_or_more_than_a_day(string freshFor)
    {
        await using var app = await StartAsync("Development", new() { ["Emulator__Port"] = "0", ["Smartcar__Readings__FreshFor"] = freshFor });

        app.ShouldHaveRefusedWithOneLine(
            "SmartcarClean cannot start: Smartcar:Readings:FreshFor must be more than zero and at most a day (e.g. 00:05:00).");
    }

    [Theory]
    [InlineData("RateLimits__SignIn__PerAddress", "RateLimits:SignIn:PerAddress")]
    [InlineData("Smartcar__Limits__MaxPages", "Smartcar:Limits:MaxPages")]
    public async Task A_number_that_is_not_a_number_is_refused_in_one_line_naming_the_setting(string variable, string setting)
    {
        await using var app = await StartAsync("Development", new() { ["Emulator__Port"] = "0", [variable] = "abc" });

        app.ShouldHaveRefusedWithOneLine("SmartcarClean cannot start:");
        app.Error.ShouldContain(setting);
    }

    [Fact]
    public async Task The_app_refuses_to_start_on_a_database_it_does_not_know_and_names_the_setting_in_one_line()
    {
        await using var app = await StartAsync("Development", new() { ["Emulator__Port"] = "0", ["Database__Provider"] = "Oracle" });

        app.ShouldHaveRefusedWithOneLine("SmartcarClean cannot start:");
        app.Error.ShouldContain("'Oracle' at 'Database:Provider'");
        app.Error.ShouldContain("Oracle is not a valid value for DatabaseProvider.");
    }

    [Fact]
    public async Task The_app_refuses_to_start_on_postgresql_without_a_connection_string_and_says_which_in_one_line()
    {
        await using var app = await StartAsync("Development", new() { ["Emulator__Port"] = "0", ["Database__Provider"] = "PostgreSql" });

        app.ShouldHaveRefusedWithOneLine(
            "SmartcarClean cannot start: Database:Provider is PostgreSql but ConnectionStrings:Default is not set;");
    }

    [Fact]
    public async Task The_app_refuses_to_start_on_a_postgresql_connection_string_it_cannot_read_in_one_line_without_its_password()
    {
        await using var app = await StartAsync("Development", new()
        {
            ["Emulator__Port"] = "0",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Default"] = "Host=db.example.com;Passwd=not-for-the-log",
        });

        app.ShouldHaveRefusedWithOneLine("SmartcarClean cannot start: ConnectionStrings:Default is not a PostgreSQL connection string:");
        app.Error.ShouldNotContain("not-for-the-log");
    }

    [Fact]
    public async Task The_app_refuses_to_start_on_a_database_it_cannot_reach_in_one_line_without_its_password()
    {
        await using var app = await StartAsync("Development", new()
        {
            ["Emulator__Port"] = "0",
            ["Database__Provider"] = "PostgreSql",
            // Nothing listens there: an outage, or a wrong host or port.
            ["ConnectionStrings__Default"] = $"Host=127.0.0.1;Port={FreePort()};Username=app;Password=not-for-the-log;Timeout=3",
        });

        app.ShouldHaveRefusedWithOneLine("SmartcarClean cannot start: the database (PostgreSql, ConnectionStrings:Default) cannot be reached or migrated: Failed to connect to 127.0.0.1:");
        app.Error.ShouldNotContain("not-for-the-log");
    }

    [Fact]
    public async Task In_production_with_smartcar_settings_from_dotnet_variables_the_emulator_stays_off_and_connect_is_smartcars()
    {
        var emulatorPort = FreePort();
        await using var app = await StartAsync("Production", new()
        {
            ["Smartcar__ClientId"] = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            ["Smartcar__ClientSecret"] = "the-real-client-secret",
            ["Smartcar__RedirectUri"] = "https://app.example.com/exchange",
            ["Emulator__Port"] = emulatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        (await app.ConnectOriginAsync()).ShouldBe(SmartcarConnect);
        IsListening(emulatorPort).ShouldBeFalse("the embedded emulator must not start");
    }

    [Fact]
    public async Task In_development_smartcar_settings_from_user_secrets_keep_the_emulator_off()
    {
        var emulatorPort = FreePort();
        var secrets = Path.Combine(_dataDirectory, "appdata", "Microsoft", "UserSecrets", "smartcarclean-web", "secrets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(secrets)!);
        await File.WriteAllTextAsync(secrets, """
            {
              "Smartcar:ClientId": "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
              "Smartcar:ClientSecret": "the-real-client-secret"
            }
            """);

        await using var app = await StartAsync("Development", new()
        {
            ["Emulator__Port"] = emulatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        (await app.ConnectOriginAsync()).ShouldBe(SmartcarConnect);
        IsListening(emulatorPort).ShouldBeFalse("the embedded emulator must not start");
    }

    [Fact]
    public async Task In_development_without_smartcar_settings_the_app_runs_against_the_embedded_emulator()
    {
        await using var app = await StartAsync("Development", new() { ["Emulator__Port"] = "0" });

        var connect = await app.ConnectOriginAsync();
        connect.ShouldStartWith("http://127.0.0.1:");
        using var client = new HttpClient();
        using var emulatorAdmin = await client.GetAsync(new Uri($"{connect}/_emulator"));
        emulatorAdmin.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task In_production_without_smartcar_settings_the_app_refuses_to_start_naming_them_in_one_line()
    {
        await using var app = await StartAsync("Production", []);

        app.ShouldHaveRefusedWithOneLine("SmartcarClean cannot start:");
        app.Error.ShouldContain("Smartcar:ClientId");
        app.Error.ShouldContain("Smartcar:ClientSecret");
    }

    [Fact]
    public async Task Asking_for_the_emulator_with_real_smartcar_settings_is_refused_in_one_line_naming_both()
    {
        await using var app = await StartAsync("Development", new()
        {
            ["SMARTCAR_CLIENT_ID"] = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            ["SMARTCAR_CLIENT_SECRET"] = "the-real-client-secret",
            ["SMARTCAR_REDIRECT_URI"] = "http://localhost:8000/exchange",
            ["Emulator__Enabled"] = "true",
        });

        app.ShouldHaveRefusedWithOneLine("SmartcarClean cannot start:");
        app.Error.ShouldContain("Emulator:Enabled");
        app.Error.ShouldContain("Smartcar:ClientId");
    }

    [Fact]
    public async Task Outside_development_the_emulator_runs_when_asked_for_explicitly_and_no_smartcar_settings_are_set()
    {
        await using var app = await StartAsync("Production", new()
        {
            ["Emulator__Enabled"] = "true",
            ["Emulator__Port"] = "0",
            ["Emulator__ClientId"] = "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07",
            ["Emulator__ClientSecret"] = "emulator-client-secret",
            ["Smartcar__RedirectUri"] = "http://localhost:8000/exchange",
        });

        (await app.ConnectOriginAsync()).ShouldStartWith("http://127.0.0.1:");
    }

    [Fact]
    public async Task The_emulator_without_its_demo_client_is_refused_in_one_line_naming_what_is_missing()
    {
        await using var app = await StartAsync("Production", new() { ["Emulator__Enabled"] = "true" });

        app.ShouldHaveRefusedWithOneLine(
            "SmartcarClean cannot start: the embedded emulator needs its demo client and the app's redirect URI: " +
            "set Emulator:ClientId, Emulator:ClientSecret, Smartcar:RedirectUri");
    }

    [Fact]
    public async Task The_embedded_emulator_on_a_port_already_in_use_is_refused_in_one_line_naming_the_port()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        await using var app = await StartAsync("Development", new() { ["Emulator__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        app.ShouldHaveRefusedWithOneLine(
            $"SmartcarClean cannot start: its embedded Smartcar emulator did not start. Port {port} on 127.0.0.1 is already in use");
    }

    [Fact]
    public async Task A_bad_emulator_setting_is_refused_in_one_line_naming_it_as_the_standalone_emulator_does()
    {
        await using var app = await StartAsync("Development", new() { ["Emulator__Port"] = "0", ["Emulator__AccessTokenLifetime"] = "soon" });

        app.ShouldHaveRefusedWithOneLine(
            "SmartcarClean cannot start: Emulator:AccessTokenLifetime must be a duration as [d.]hh:mm:ss, e.g. 00:05:30, got 'soon'.");
    }

    [Fact]
    public async Task A_known_proxy_that_is_not_an_address_is_refused_in_one_line()
    {
        await using var app = await StartAsync("Development", new() { ["ForwardedHeaders__KnownProxies__0"] = "proxy.example.com" });

        app.ShouldHaveRefusedWithOneLine("SmartcarClean cannot start: ForwardedHeaders:KnownProxies 'proxy.example.com' is not an IP address.");
    }

    [Fact]
    public async Task A_known_network_without_its_prefix_length_is_refused_in_one_line()
    {
        await using var app = await StartAsync("Development", new() { ["ForwardedHeaders__KnownNetworks__0"] = "10.0.0.0" });

        app.ShouldHaveRefusedWithOneLine("SmartcarClean cannot start: ForwardedHeaders:KnownNetworks '10.0.0.0' is not a network such as 10.0.0.0/8.");
    }

    /// <summary>Starts the app and returns once it listens or has exited.</summary>
    private async Task<AppProcess> StartAsync(string environmentName, Dictionary<string, string> environment)
    {
        // The app's own appsettings files are beside its dll; the data directory and user-secrets are this test's.
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "SmartcarClean.Web.dll"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var inherited in start.Environment.Keys.Where(IsSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        start.Environment["DataDirectory"] = _dataDirectory;
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["APPDATA"] = Path.Combine(_dataDirectory, "appdata");
        // The test plays the TLS-terminating proxy on this host (ConnectOriginAsync says https).
        start.Environment["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (ListeningOn().Match(line) is { Success: true } listening)
            {
                return new AppProcess(process, new Uri(listening.Groups[1].Value), output.ToString(), "");
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        return new AppProcess(process, null, output.ToString(), await error);
    }

    private static bool IsSetting(string name) =>
        name.StartsWith("SMARTCAR_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Smartcar__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Emulator__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"form-action 'self' ([^; ]+)")]
    private static partial Regex FormAction();

    private sealed class AppProcess(Process process, Uri? baseUrl, string output, string error) : IAsyncDisposable
    {
        public string Error => error;

        /// <summary>Where the app sends the browser for Connect: the origin its Content-Security-Policy allows forms to go to.</summary>
        public async Task<string> ConnectOriginAsync()
        {
            baseUrl.ShouldNotBeNull($"the app did not start.\n{output}\n{error}");
            using var client = new HttpClient { BaseAddress = baseUrl };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            // As the TLS-terminating proxy in front of it would say: outside Development the app needs https.
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var home = await client.SendAsync(request);
            home.StatusCode.ShouldBe(HttpStatusCode.OK);
            var policy = string.Join(" ", home.Headers.GetValues("Content-Security-Policy"));
            return FormAction().Match(policy).Groups[1].Value;
        }

        public void ShouldHaveRefusedWithOneLine(string line)
        {
            baseUrl.ShouldBeNull("the app must not start");
            process.ExitCode.ShouldBe(1);
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(1, $"one line on stderr, not:\n{error}");
            lines[0].ShouldStartWith(line);
            output.ShouldNotContain("Hosting failed to start");
            output.ShouldNotContain("   at ", customMessage: "no stack trace");
            error.ShouldNotContain("   at ", customMessage: "no stack trace");
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
