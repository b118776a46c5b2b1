using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SmartcarClean.Emulator.Testing;
using static SmartcarClean.Emulator.Testing.EmulatorDriver;

namespace SmartcarClean.Emulator.Tests.Hosting;

/// <summary>
/// The standalone emulator as a person starts it: its own process, settings from real environment variables and
/// the command line, and what its token endpoints answer because of them.
/// </summary>
public sealed partial class StandaloneProcessTests
{
    [Fact]
    public async Task An_environment_variable_sets_the_access_token_lifetime_that_the_token_endpoint_announces()
    {
        await using var emulator = await StartAsync(
            ["--urls", "http://127.0.0.1:0"], new() { ["Emulator__AccessTokenLifetime"] = "00:05:30" });

        var tokens = await emulator.ConnectAndExchangeAsync();

        tokens.ExpiresIn.ShouldBe(330);
    }

    [Fact]
    public async Task The_command_line_wins_over_the_environment()
    {
        await using var emulator = await StartAsync(
            ["--port", "0", "--Emulator:ApplicationTokenLifetime=00:10:00"],
            new() { ["Emulator__ApplicationTokenLifetime"] = "00:20:00" });

        var expiresIn = await emulator.ApplicationTokenExpiresInAsync();

        expiresIn.ShouldBe(600);
    }

    [Fact]
    public async Task A_bad_value_in_the_environment_stops_it_with_one_line_naming_the_setting()
    {
        await using var emulator = await StartAsync(["--port", "0"], new() { ["Emulator__AccessTokenLifetime"] = "soon" });

        emulator.ShouldHaveRefusedWithOneLine("error: Emulator:AccessTokenLifetime must be a duration");
    }

    [Fact]
    public async Task An_address_that_is_not_loopback_http_is_refused_with_one_line()
    {
        await using var emulator = await StartAsync(["--urls", "http://0.0.0.0:8011"], []);

        emulator.ShouldHaveRefusedWithOneLine("error: --urls must be");
    }

    /// <summary>Starts <c>SmartcarClean.Emulator.dll</c> and returns once it listens or has exited.</summary>
    private static async Task<EmulatorProcess> StartAsync(string[] args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SmartcarClean.Emulator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only this test's settings: none inherited from the shell that runs the tests.
        foreach (var inherited in start.Environment.Keys.Where(IsSetting).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (ListeningOn().Match(line) is { Success: true } listening)
            {
                return new EmulatorProcess(process, listening.Groups[1].Value, "");
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        return new EmulatorProcess(process, null, await error);
    }

    private static bool IsSetting(string name) =>
        name.StartsWith("Emulator__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("EMULATOR_", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    private sealed class EmulatorProcess(Process process, string? baseUrl, string error) : IAsyncDisposable
    {
        private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = baseUrl is null ? null : new Uri(baseUrl),
        };

        /// <summary>Connect as a browser walks it (make given, so no brand page), then the code exchanged at /oauth/token.</summary>
        public async Task<TokenResponse> ConnectAndExchangeAsync()
        {
            baseUrl.ShouldNotBeNull($"the emulator did not start: {error}");
            var preamble = await _http.GetStringAsync(AuthorizeUrl(make: "TESLA"));
            var login = await _http.GetStringAsync(FormActionOf(preamble));
            using var signIn = await PostAsync(FormActionOf(login), ("username", "driver@example.com"), ("password", "any"));
            var permissions = await _http.GetStringAsync(signIn.Headers.Location);
            using var decision = await PostAsync(FormActionOf(permissions), ("decision", "allow"));
            var code = QueryOf(decision.Headers.Location!)["code"];

            using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
            {
                Content = Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri)),
            };
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));
            using var exchange = await _http.SendAsync(request);
            exchange.StatusCode.ShouldBe(HttpStatusCode.OK);
            return TokenResponse.From(await JsonAsync(exchange));
        }

        /// <summary>The <c>expires_in</c> of an application token from /oauth2/token.</summary>
        public async Task<int> ApplicationTokenExpiresInAsync()
        {
            baseUrl.ShouldNotBeNull($"the emulator did not start: {error}");
            using var response = await PostAsync(
                "/oauth2/token", ("grant_type", "client_credentials"), ("client_id", ClientId), ("client_secret", ClientSecret));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return (await JsonAsync(response)).GetProperty("expires_in").GetInt32();
        }

        public void ShouldHaveRefusedWithOneLine(string start)
        {
            baseUrl.ShouldBeNull("the emulator must not start");
            process.ExitCode.ShouldBe(2);
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(1, $"one line on stderr, not:\n{error}");
            lines[0].ShouldStartWith(start);
            error.ShouldNotContain("   at ", customMessage: "no stack trace");
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        private Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
            _http.PostAsync(path, Form(fields));

        private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
            new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

        private static string FormActionOf(string html) => WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
    }
}
