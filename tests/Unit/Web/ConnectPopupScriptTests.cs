using System.Diagnostics;
using System.Text.Json;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// The home page's pop-up script decides which window message is Connect's answer: only from the redirect page's origin,
/// named SmartcarAuthMessage, with the state the app issued. Its decision function runs here under Node, the real file
/// (the browser scenarios prove the same in Chromium).
/// </summary>
public sealed class ConnectPopupScriptTests
{
    private const string RedirectPage = "http://127.0.0.1:8010";
    private const string State = "Xq3v9-state_issued";

    private static readonly string Script = FindScript();

    [Theory]
    [InlineData(RedirectPage, "SmartcarAuthMessage", State, true)]
    [InlineData("http://localhost:8000", "SmartcarAuthMessage", State, false)] // the app's own origin
    [InlineData("http://127.0.0.1:8011", "SmartcarAuthMessage", State, false)] // another port
    [InlineData("https://javascript-sdk.smartcar.com", "SmartcarAuthMessage", State, false)] // not the configured page
    [InlineData("null", "SmartcarAuthMessage", State, false)] // an opaque origin (sandboxed frame, file:)
    [InlineData(RedirectPage, "SmartcarAuthMessage", "another-state", false)]
    [InlineData(RedirectPage, "SmartcarAuthMessage", "xq3v9-state_issued", false)] // case matters
    [InlineData(RedirectPage, "SmartcarAuthMessage", null, false)]
    [InlineData(RedirectPage, "OtherMessage", State, false)]
    [InlineData(RedirectPage, null, State, false)]
    public async Task A_message_is_connects_answer_only_from_the_redirect_page_with_the_issued_state(
        string origin, string? name, string? state, bool accepted)
    {
        var message = new { name, state, code = "code-1" };
        (await AcceptsAsync(new { origin, data = message }, new { origin = RedirectPage, state = State })).ShouldBe(accepted);
    }

    [Fact]
    public async Task Nothing_is_accepted_when_no_attempt_is_waiting_or_the_message_is_not_an_object()
    {
        var message = new { origin = RedirectPage, data = new { name = "SmartcarAuthMessage", state = State } };
        (await AcceptsAsync(message, null)).ShouldBeFalse(); // no attempt, or its answer already arrived
        (await AcceptsAsync(message, new { origin = RedirectPage, state = "" })).ShouldBeFalse();
        (await AcceptsAsync(new { origin = RedirectPage, data = JsonSerializer.Serialize(message.data) }, new { origin = RedirectPage, state = State }))
            .ShouldBeFalse();
        (await AcceptsAsync(new { origin = RedirectPage, data = (object?)null }, new { origin = RedirectPage, state = State })).ShouldBeFalse();
    }

    [Fact]
    public async Task The_popup_is_sized_and_placed_like_the_javascript_sdks()
    {
        var features = await RunAsync(
            "m.features({ width: 1920, height: 1080 }, { screenX: 100, screenY: 50, outerWidth: 1200, outerHeight: 900 })");

        // 30% of the screen wide, 75% high; centred across the window, an eighth of the spare height down.
        features.GetString().ShouldBe("top=61.25,left=412,width=576,height=810,");
    }

    [Fact]
    public async Task A_refusal_shows_the_field_errors_or_the_back_ends_own_sentence_such_as_too_many_attempts()
    {
        var fieldErrors = await RunAsync("m.refusal({ errors: ['A VIN has 17 letters and digits (never I, O or Q).'] }, 'These Connect choices cannot be used')");
        fieldErrors.GetProperty("title").GetString().ShouldBe("These Connect choices cannot be used");
        fieldErrors.GetProperty("lines")[0].GetString().ShouldBe("A VIN has 17 letters and digits (never I, O or Q).");

        var tooMany = await RunAsync(
            "m.refusal({ title: 'Too many attempts', message: 'Please wait a minute, then try again.', reason: 'TooManyRequests' }, 'These Connect choices cannot be used')");
        tooMany.GetProperty("title").GetString().ShouldBe("Too many attempts");
        tooMany.GetProperty("lines")[0].GetString().ShouldBe("Please wait a minute, then try again.");
        tooMany.GetProperty("reason").GetString().ShouldBe("TooManyRequests");
    }

    private static async Task<bool> AcceptsAsync(object messageEvent, object? expected) =>
        (await RunAsync($"m.acceptsMessage({JsonSerializer.Serialize(messageEvent)}, {JsonSerializer.Serialize(expected)})")).GetBoolean();

    private static async Task<JsonElement> RunAsync(string expression)
    {
        var code = $"const m = require({JsonSerializer.Serialize(Script)}); process.stdout.write(JSON.stringify({expression}));";
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(code);
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start (is Node.js on PATH?)");
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        node.ExitCode.ShouldBe(0, await error);
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Web", "wwwroot", "js", "connect-popup.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"src/Web/wwwroot/js/connect-popup.js not found above {AppContext.BaseDirectory}");
    }
}
