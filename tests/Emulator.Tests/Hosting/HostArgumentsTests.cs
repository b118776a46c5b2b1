using System.Net;
using SmartcarClean.Emulator.Hosting;

namespace SmartcarClean.Emulator.Tests.Hosting;

/// <summary>The standalone host's command line and environment options, and the host itself.</summary>
public sealed class HostArgumentsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Defaults_to_port_8010_and_the_shipped_applications_file()
    {
        HostArguments.TryParse([], NoEnvironment, out var parsed, out _).ShouldBeTrue();

        parsed.Port.ShouldBe(8010);
        parsed.ApplicationsFile.ShouldBe(Path.Combine(AppContext.BaseDirectory, "applications.json"));
        parsed.ShowHelp.ShouldBeFalse();
        parsed.WireMockAdmin.ShouldBeFalse();
    }

    [Fact]
    public void WireMocks_admin_api_is_turned_on_only_by_its_flag()
    {
        HostArguments.TryParse(["--wiremock-admin"], NoEnvironment, out var parsed, out _).ShouldBeTrue();

        parsed.WireMockAdmin.ShouldBeTrue();
    }

    [Theory]
    [InlineData("--port", "9000")]
    [InlineData("--port=9000")]
    public void Port_comes_from_the_command_line(params string[] args)
    {
        HostArguments.TryParse(args, NoEnvironment, out var parsed, out _).ShouldBeTrue();

        parsed.Port.ShouldBe(9000);
    }

    [Fact]
    public void Environment_variables_apply_and_arguments_win()
    {
        var environment = new Dictionary<string, string?> { ["EMULATOR_PORT"] = "7000", ["EMULATOR_CONFIG"] = "env-apps.json" };

        HostArguments.TryParse([], environment.GetValueOrDefault, out var fromEnvironment, out _).ShouldBeTrue();
        HostArguments.TryParse(["--port", "7001", "--config", "arg-apps.json"], environment.GetValueOrDefault, out var fromArguments, out _).ShouldBeTrue();

        fromEnvironment.Port.ShouldBe(7000);
        fromEnvironment.ApplicationsFile.ShouldBe(Path.GetFullPath("env-apps.json"));
        fromArguments.Port.ShouldBe(7001);
        fromArguments.ApplicationsFile.ShouldBe(Path.GetFullPath("arg-apps.json"));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_recognised(string argument)
    {
        HostArguments.TryParse([argument, "--bogus"], NoEnvironment, out var parsed, out _).ShouldBeTrue();

        parsed.ShowHelp.ShouldBeTrue();
    }

    [Theory]
    [InlineData("--port must be a port number", "--port", "eighty")]
    [InlineData("--port must be a port number", "--port", "70000")]
    [InlineData("--port must be a port number", "--port", "-1")]
    [InlineData("--port needs a value", "--port")]
    [InlineData("--config needs a value", "--config=")]
    [InlineData("Unknown argument '--verbose'", "--verbose")]
    public void Bad_arguments_give_a_clear_message(string message, params string[] args)
    {
        HostArguments.TryParse(args, NoEnvironment, out _, out var error).ShouldBeFalse();

        error.ShouldContain(message);
    }

    [Fact]
    public void A_bad_environment_port_names_the_variable()
    {
        HostArguments.TryParse([], name => name == "EMULATOR_PORT" ? "abc" : null, out _, out var error).ShouldBeFalse();

        error.ShouldContain("EMULATOR_PORT");
    }

    [Fact]
    public void Help_prints_usage_and_exits_zero()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = EmulatorProgram.Run(["--help"], NoEnvironment, output, errors, CancellationToken.None);

        exitCode.ShouldBe(0);
        output.ToString().ShouldContain("--port");
        output.ToString().ShouldContain("EMULATOR_CONFIG");
        output.ToString().ShouldContain("--wiremock-admin");
        errors.ToString().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("--port", "x")]
    [InlineData("--config", "/no/such/applications.json")]
    public void Bad_options_print_an_error_without_a_stack_trace_and_exit_non_zero(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var exitCode = EmulatorProgram.Run(args, NoEnvironment, output, errors, CancellationToken.None);

        exitCode.ShouldBe(2);
        errors.ToString().ShouldStartWith("error: ");
        errors.ToString().ShouldNotContain(" at ");
    }

    [Fact]
    public async Task The_host_serves_health_until_stopped()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var host = Task.Run(() => EmulatorProgram.Run(["--port", "0"], NoEnvironment, TextWriter.Synchronized(output), TextWriter.Null, stop.Token));
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
        var host = Task.Run(() => EmulatorProgram.Run(args, NoEnvironment, TextWriter.Synchronized(output), TextWriter.Null, stop.Token));
        var url = await WaitForUrlAsync(output);

        using var http = new HttpClient();
        var admin = await http.GetAsync($"{url}/__admin/mappings");
        await stop.CancelAsync();

        admin.StatusCode.ShouldBe(expected);
        (await host).ShouldBe(0);
    }

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
