using System.Diagnostics;

namespace SmartcarClean.Unit.Web;

/// <summary>The real app process, started as a user would start it.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-startup-").FullName;

    [Fact]
    public async Task The_app_refuses_to_start_with_a_redirect_uri_smartcar_would_refuse_and_says_why()
    {
        var (exitCode, error, output) = await StartAsync(new()
        {
            ["SMARTCAR_CLIENT_ID"] = "client",
            ["SMARTCAR_CLIENT_SECRET"] = "secret",
            ["SMARTCAR_REDIRECT_URI"] = "http://myapp.example.com/exchange",
        });

        exitCode.ShouldBe(1);
        error.ShouldContain(
            "Smartcar:RedirectUri 'http://myapp.example.com/exchange' is not a redirect URI Smartcar accepts: http:// is allowed only for localhost");
        error.ShouldNotContain("   at ", customMessage: "no stack trace");
        output.ShouldNotContain("Now listening");
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_an_unknown_connect_flow_and_names_the_setting()
    {
        var (exitCode, error, output) = await StartAsync(new()
        {
            ["SMARTCAR_CLIENT_ID"] = "client",
            ["SMARTCAR_CLIENT_SECRET"] = "secret",
            ["SMARTCAR_REDIRECT_URI"] = "http://localhost:8000/exchange",
            ["Smartcar__Flow"] = "Sideways",
        });

        exitCode.ShouldBe(1);
        error.ShouldContain("'Sideways' at 'Smartcar:Flow'");
        error.ShouldContain("Sideways is not a valid value for ConnectFlow.");
        error.ShouldNotContain("   at ", customMessage: "no stack trace");
        output.ShouldNotContain("Now listening");
    }

    [Fact]
    public async Task The_app_refuses_to_start_with_a_rate_limit_that_could_never_be_met_and_names_every_bad_setting()
    {
        // No Smartcar settings either: two sections fail at once, and both are named.
        var (exitCode, error, output) = await StartAsync(new()
        {
            ["Emulator__Enabled"] = "false",
            ["RateLimits__SignIn__PerAddress"] = "0",
            ["RateLimits__Exchange__Window"] = "00:00:00",
        });

        exitCode.ShouldBe(1);
        error.ShouldContain("RateLimits:SignIn:PerAddress must be at least 1.");
        error.ShouldContain("RateLimits:Exchange:Window must be longer than zero, e.g. 00:01:00.");
        error.ShouldContain("Smartcar:ClientId is required (SMARTCAR_CLIENT_ID).");
        error.ShouldNotContain("   at ", customMessage: "no stack trace");
        output.ShouldNotContain("Now listening");
    }

    private async Task<(int ExitCode, string Error, string Output)> StartAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "SmartcarClean.Web.dll"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = _dataDirectory,
            Environment = { ["DataDirectory"] = _dataDirectory, ["Urls"] = "http://127.0.0.1:0" },
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var app = Process.Start(start)!;
        var stderr = app.StandardError.ReadToEndAsync();
        var stdout = app.StandardOutput.ReadToEndAsync();
        await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (app.ExitCode, await stderr, await stdout);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
