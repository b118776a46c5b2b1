using System.Diagnostics;

namespace SmartcarClean.Unit.Web;

/// <summary>The real app process, started as a user would start it.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("smartcarclean-startup-").FullName;

    [Fact]
    public async Task The_app_refuses_to_start_with_a_redirect_uri_smartcar_would_refuse_and_says_why()
    {
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "SmartcarClean.Web.dll"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = _dataDirectory,
            Environment =
            {
                ["SMARTCAR_CLIENT_ID"] = "client",
                ["SMARTCAR_CLIENT_SECRET"] = "secret",
                ["SMARTCAR_REDIRECT_URI"] = "http://myapp.example.com/exchange",
                ["DataDirectory"] = _dataDirectory,
                ["Urls"] = "http://127.0.0.1:0",
            },
        };

        using var app = Process.Start(start)!;
        var stderr = app.StandardError.ReadToEndAsync();
        var stdout = app.StandardOutput.ReadToEndAsync();
        await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        app.ExitCode.ShouldBe(1);
        var error = await stderr;
        error.ShouldContain(
            "Smartcar:RedirectUri 'http://myapp.example.com/exchange' is not a redirect URI Smartcar accepts: http:// is allowed only for localhost");
        error.ShouldNotContain("   at ", customMessage: "no stack trace");
        (await stdout).ShouldNotContain("Now listening");
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
