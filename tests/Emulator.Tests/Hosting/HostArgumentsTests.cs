using System.Net;
using SmartcarClean.Emulator.Hosting;

namespace SmartcarClean.Emulator.Tests.Hosting;

/// <summary>
/// The standalone host's settings from each of its sources (appsettings.json beside the binary, environment variables,
/// the command line and its shortcuts), which one wins, and the host itself.
/// </summary>
public sealed class HostArgumentsTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoVariables = [];

    // Stands for the folder beside the binary: its own appsettings.json, and the shipped applications.json.
    private readonly string _directory = Directory.CreateTempSubdirectory("emulator-host-").FullName;

    public HostArgumentsTests() =>
        File.Copy(Path.Combine(AppContext.BaseDirectory, "applications.json"), Path.Combine(_directory, "applications.json"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Defaults_to_port_8010_the_applications_file_beside_the_binary_and_the_documented_lifetimes()
    {
        var settings = Read([]);

        settings.Options.Port.ShouldBe(8010);
        settings.ApplicationsFile.ShouldBe(Path.Combine(_directory, "applications.json"));
        settings.Options.EnableWireMockAdmin.ShouldBeFalse();
        settings.Options.AccessTokenLifetime.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void WireMocks_admin_api_is_turned_on_by_its_flag()
    {
        Read(["--wiremock-admin"]).Options.EnableWireMockAdmin.ShouldBeTrue();
    }

    [Theory]
    [InlineData("--port", "9000")]
    [InlineData("--port=9000")]
    [InlineData("--urls", "http://127.0.0.1:9000")]
    [InlineData("--urls=http://localhost:9000/")]
    [InlineData("--Emulator:Port=9000")]
    [InlineData("--emulator:port", "9000")]
    public void Port_comes_from_the_command_line(params string[] args)
    {
        Read(args).Options.Port.ShouldBe(9000);
    }

    [Fact]
    public void Every_setting_comes_from_the_command_line_as_Emulator_name_value()
    {
        var options = Read([
            "--Emulator:CodeLifetime=00:01:00", "--Emulator:AccessTokenLifetime=00:05:30", "--Emulator:RefreshTokenLifetime=1.00:00:00",
            "--Emulator:RefreshGracePeriod", "00:00:05", "--Emulator:ApplicationTokenLifetime=00:10:00", "--Emulator:EnableWireMockAdmin=true",
        ]).Options;

        options.CodeLifetime.ShouldBe(TimeSpan.FromMinutes(1));
        options.AccessTokenLifetime.ShouldBe(TimeSpan.FromSeconds(330));
        options.RefreshTokenLifetime.ShouldBe(TimeSpan.FromDays(1));
        options.RefreshGracePeriod.ShouldBe(TimeSpan.FromSeconds(5));
        options.ApplicationTokenLifetime.ShouldBe(TimeSpan.FromMinutes(10));
        options.EnableWireMockAdmin.ShouldBeTrue();
    }

    [Fact]
    public void The_plans_limits_are_off_by_default_and_come_from_the_command_line_and_the_environment()
    {
        var defaults = Read([]).Options;
        (defaults.VehicleRequestsPerMonth, defaults.ApplicationRequestBucket, defaults.VehicleRequestsPerWindow).ShouldBe((null, null, null));

        var options = Read(
            ["--Emulator:VehicleRequestsPerMonth=500", "--Emulator:ApplicationRequestBucket=120", "--Emulator:ApplicationBucketRefill=00:00:30"],
            new() { ["Emulator__VehicleRequestsPerWindow"] = "5", ["Emulator__VehicleThrottleWindow"] = "00:02:00" }).Options;

        options.VehicleRequestsPerMonth.ShouldBe(500);
        options.ApplicationRequestBucket.ShouldBe(120);
        options.ApplicationBucketRefill.ShouldBe(TimeSpan.FromSeconds(30));
        options.VehicleRequestsPerWindow.ShouldBe(5);
        options.VehicleThrottleWindow.ShouldBe(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Settings_come_from_appsettings_json_beside_the_binary()
    {
        WriteAppSettings("""{ "Emulator": { "Port": 8011, "AccessTokenLifetime": "00:05:30", "ApplicationsFile": "json-apps.json" } }""");

        var settings = Read([]);

        settings.Options.Port.ShouldBe(8011);
        settings.Options.AccessTokenLifetime.ShouldBe(TimeSpan.FromSeconds(330));
        settings.ApplicationsFile.ShouldBe(Path.GetFullPath("json-apps.json"));
    }

    [Fact]
    public void Settings_come_from_Emulator_environment_variables()
    {
        var settings = Read([], new()
        {
            ["Emulator__Port"] = "8012",
            ["Emulator__RefreshGracePeriod"] = "00:01:00",
            ["Emulator__EnableWireMockAdmin"] = "true",
            ["Emulator__ApplicationsFile"] = "env-apps.json",
        });

        settings.Options.Port.ShouldBe(8012);
        settings.Options.RefreshGracePeriod.ShouldBe(TimeSpan.FromMinutes(1));
        settings.Options.EnableWireMockAdmin.ShouldBeTrue();
        settings.ApplicationsFile.ShouldBe(Path.GetFullPath("env-apps.json"));
    }

    [Fact]
    public void The_older_variables_EMULATOR_PORT_and_EMULATOR_CONFIG_still_apply_and_Emulator_variables_win_over_them()
    {
        var older = new Dictionary<string, string?> { ["EMULATOR_PORT"] = "7000", ["EMULATOR_CONFIG"] = "older-apps.json" };

        var settings = Read([], older);
        var both = Read([], new(older) { ["Emulator__Port"] = "7001" });

        settings.Options.Port.ShouldBe(7000);
        settings.ApplicationsFile.ShouldBe(Path.GetFullPath("older-apps.json"));
        both.Options.Port.ShouldBe(7001);
    }

    [Fact]
    public void The_command_line_wins_over_environment_variables_which_win_over_appsettings_json()
    {
        WriteAppSettings("""{ "Emulator": { "CodeLifetime": "00:01:00", "AccessTokenLifetime": "00:01:00", "ApplicationTokenLifetime": "00:01:00" } }""");
        var variables = new Dictionary<string, string?> { ["Emulator__AccessTokenLifetime"] = "00:02:00", ["Emulator__ApplicationTokenLifetime"] = "00:02:00" };

        var options = Read(["--Emulator:ApplicationTokenLifetime=00:03:00", "--port", "9001", "--config", "arg-apps.json"], variables).Options;

        options.CodeLifetime.ShouldBe(TimeSpan.FromMinutes(1), "appsettings.json alone sets it");
        options.AccessTokenLifetime.ShouldBe(TimeSpan.FromMinutes(2), "the environment wins over appsettings.json");
        options.ApplicationTokenLifetime.ShouldBe(TimeSpan.FromMinutes(3), "the command line wins over both");
    }

    [Fact]
    public void Of_two_arguments_for_one_setting_the_last_wins()
    {
        Read(["--port", "9000", "--urls", "http://127.0.0.1:9002"]).Options.Port.ShouldBe(9002);
        Read(["--Emulator:EnableWireMockAdmin=false", "--wiremock-admin"]).Options.EnableWireMockAdmin.ShouldBeTrue();
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_recognised(string argument)
    {
        HostArguments.TryParse([argument, "--bogus"], out var parsed, out _).ShouldBeTrue();

        parsed.ShowHelp.ShouldBeTrue();
    }

    [Theory]
    [InlineData("--port needs a value", "--port")]
    [InlineData("--config needs a value", "--config=")]
    [InlineData("--Emulator:AccessTokenLifetime needs a value", "--Emulator:AccessTokenLifetime")]
    [InlineData("Unknown argument '--verbose'", "--verbose")]
    [InlineData("Unknown argument '--Emulator:'", "--Emulator:")]
    [InlineData("--urls must be one http://127.0.0.1:PORT or http://localhost:PORT address", "--urls", "https://127.0.0.1:8011")]
    [InlineData("--urls must be one", "--urls", "http://0.0.0.0:8011")]
    [InlineData("--urls must be one", "--urls", "http://*:8011")]
    [InlineData("--urls must be one", "--urls", "http://example.com:8011")]
    [InlineData("--urls must be one", "--urls", "http://127.0.0.1:8011/emulator")]
    [InlineData("--urls must be one", "--urls", "http://127.0.0.1:8011;http://127.0.0.1:8012")]
    [InlineData("--urls must be one", "--urls", "8011")]
    public void Bad_arguments_give_a_clear_message(string message, params string[] args)
    {
        HostArguments.TryParse(args, out _, out var error).ShouldBeFalse();

        error.ShouldContain(message);
    }

    [Theory]
    [InlineData("Emulator:Port must be a port number from 0 to 65535, got 'eighty'.", "--port", "eighty")]
    [InlineData("Emulator:Port must be a port number from 0 to 65535, got '70000'.", "--port", "70000")]
    [InlineData("Emulator:AccessTokenLifetime must be a duration as [d.]hh:mm:ss, e.g. 00:05:30, got 'soon'.", "--Emulator:AccessTokenLifetime=soon")]
    [InlineData("Emulator:RefreshGracePeriod must not be negative, got '-00:01:00'.", "--Emulator:RefreshGracePeriod=-00:01:00")]
    [InlineData("Emulator:VehicleRequestsPerMonth must be a whole number of 1 or more (leave it out for no limit), got 'many'.", "--Emulator:VehicleRequestsPerMonth=many")]
    [InlineData("Emulator:VehicleRequestsPerMonth must be a whole number of 1 or more (leave it out for no limit), got '0'.", "--Emulator:VehicleRequestsPerMonth=0")]
    [InlineData("Emulator:VehicleThrottleWindow must be at least one second, got '00:00:00'.", "--Emulator:VehicleThrottleWindow=00:00:00")]
    [InlineData("Emulator:AccessTokenLifetme is not a setting; the settings under Emulator are Port, ", "--Emulator:AccessTokenLifetme=00:05:00")]
    public void A_bad_value_names_the_setting_and_what_it_expects(string message, params string[] args)
    {
        Refusal(args).ShouldStartWith(message);
    }

    [Fact]
    public void A_bad_environment_port_names_the_setting_it_sets()
    {
        Refusal([], new() { ["EMULATOR_PORT"] = "abc" }).ShouldBe("Emulator:Port must be a port number from 0 to 65535, got 'abc'.");
    }

    [Fact]
    public void An_appsettings_json_that_is_not_json_is_named_in_one_line()
    {
        WriteAppSettings("""{ "Emulator": { "Port": """);

        var error = Refusal([]);

        error.ShouldStartWith($"{Path.Combine(_directory, "appsettings.json")} cannot be read: ");
        error.ShouldNotContain("\n");
    }

    [Fact]
    public void The_shipped_appsettings_json_changes_no_default()
    {
        File.Copy(Path.Combine(RepositoryRoot(), "emulator", "appsettings.json"), Path.Combine(_directory, "appsettings.json"));

        var options = Read([]).Options;

        options.Port.ShouldBe(HostSettings.DefaultPort);
        options.AccessTokenLifetime.ShouldBe(new SmartcarClean.Emulator.EmulatorOptions().AccessTokenLifetime);
    }

    [Fact]
    public void Help_prints_usage_and_exits_zero()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = EmulatorProgram.Run(Sources(["--help"]), output, errors, CancellationToken.None);

        exitCode.ShouldBe(0);
        output.ToString().ShouldContain("--port");
        output.ToString().ShouldContain("--urls");
        output.ToString().ShouldContain("--Emulator:NAME=VALUE");
        output.ToString().ShouldContain("EMULATOR_CONFIG");
        output.ToString().ShouldContain("--wiremock-admin");
        errors.ToString().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--port", "x")]
    [InlineData("--verbose")]
    [InlineData("--urls", "http://0.0.0.0:8011")]
    [InlineData("--Emulator:AccessTokenLifetime=-00:00:01")]
    [InlineData("--Emulator:Colour=blue")]
    [InlineData("--config", "/no/such/applications.json")]
    public void Bad_options_print_one_line_without_a_stack_trace_and_exit_2(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        // Already cancelled: a host that wrongly started returns at once instead of serving until the test run ends.
        var exitCode = EmulatorProgram.Run(Sources(args), output, errors, new CancellationToken(canceled: true));

        exitCode.ShouldBe(2);
        errors.ToString().ShouldStartWith("error: ");
        errors.ToString().TrimEnd().ShouldNotContain("\n");
        errors.ToString().ShouldNotContain("   at ", customMessage: "no stack trace");
    }

    [Fact]
    public async Task The_host_serves_health_until_stopped()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var host = Task.Run(() => EmulatorProgram.Run(Sources(["--port", "0"]), TextWriter.Synchronized(output), TextWriter.Null, stop.Token));
        var url = await WaitForUrlAsync(output);

        using var http = new HttpClient();
        var health = await http.GetAsync($"{url}/health");
        await stop.CancelAsync();

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host).ShouldBe(0);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.NotFound)]
    [InlineData(true, HttpStatusCode.OK)]
    public async Task The_host_serves_WireMocks_admin_api_only_with_the_flag(bool flag, HttpStatusCode expected)
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        string[] args = flag ? ["--port", "0", "--wiremock-admin"] : ["--port", "0"];
        var host = Task.Run(() => EmulatorProgram.Run(Sources(args), TextWriter.Synchronized(output), TextWriter.Null, stop.Token));
        var url = await WaitForUrlAsync(output);

        using var http = new HttpClient();
        var admin = await http.GetAsync($"{url}/__admin/mappings");
        await stop.CancelAsync();

        admin.StatusCode.ShouldBe(expected);
        (await host).ShouldBe(0);
    }

    private HostSources Sources(string[] args, Dictionary<string, string?>? variables = null) =>
        new(args, variables ?? NoVariables, _directory);

    /// <summary>The settings the host would start with; fails the test if it would refuse them.</summary>
    private HostSettings Read(string[] args, Dictionary<string, string?>? variables = null)
    {
        HostArguments.TryParse(args, out var parsed, out var error).ShouldBeTrue(error);
        HostSettings.TryRead(parsed, Sources(args, variables), out var settings, out error).ShouldBeTrue(error);
        return settings;
    }

    /// <summary>Why the host would refuse these settings; fails the test if it would start with them.</summary>
    private string Refusal(string[] args, Dictionary<string, string?>? variables = null)
    {
        HostArguments.TryParse(args, out var parsed, out var error).ShouldBeTrue(error);
        HostSettings.TryRead(parsed, Sources(args, variables), out _, out error).ShouldBeFalse();
        return error;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "SmartcarClean.sln")))
        {
            directory = directory.Parent ?? throw new DirectoryNotFoundException("SmartcarClean.sln is above no test binary.");
        }

        return directory.FullName;
    }

    private void WriteAppSettings(string json) => File.WriteAllText(Path.Combine(_directory, "appsettings.json"), json);

    private static async Task<string> WaitForUrlAsync(StringWriter output)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var line = output.ToString().Split('\n').FirstOrDefault(l => l.Contains("listening on ", StringComparison.Ordinal));
            if (line is not null)
            {
                return line.Split("listening on ")[1].Split(' ')[0];
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The host did not start:\n{output}");
    }
}
