using System.Net.Http.Json;
using System.Text.Json;

namespace SmartcarClean.Bench;

/// <summary>
/// The emulator's steering API over HTTP (<c>/_emulator</c>, emulator/README.md "Steering it"): the request log that
/// every count comes from, seeded Smartcar users, delays, the clock.
/// </summary>
internal sealed class EmulatorSteering(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>A Smartcar user with <paramref name="cars"/> cars of their own (a new email each time, so nobody else's).</summary>
    public async Task<SeededUser> SeedUserAsync(int cars)
    {
        var email = $"bench-{Guid.NewGuid():N}@example.com";
        var vehicles = Enumerable.Range(1, cars).Select(_ => new { make = Make, model = "Model 3", year = 2024 }).ToArray();
        using var response = await _http.PostAsJsonAsync("/_emulator/users", new { email, vehicles });
        var user = await ReadAsync(response);
        var seeded = user.GetProperty("vehicles").EnumerateArray()
            .Select(v => new SeededCar(v.GetProperty("id").GetString()!, v.GetProperty("vin").GetString()!)).ToList();
        return new SeededUser(email, seeded);
    }

    /// <summary>The most uses a queued fault may have (emulator/README.md, Faults).</summary>
    private const int MaxFaultUses = 1000;

    /// <summary>The brand the seeded cars are, and the one picked on Connect's brand list.</summary>
    public const string Make = "TESLA";

    /// <summary>The app's calls to Smartcar so far, in the order the emulator logged them (Connect's pages are not the app's calls).</summary>
    public async Task<IReadOnlyList<SmartcarCall>> CallsAsync()
    {
        using var response = await _http.GetAsync(new Uri("/_emulator/requests", UriKind.Relative));
        return [.. (await ReadAsync(response)).EnumerateArray()
            .Select(r => new SmartcarCall(r.GetProperty("method").GetString()!, r.GetProperty("path").GetString()!, r.GetProperty("statusCode").GetInt32()))
            .Where(call => call.IsAppCall)];
    }

    /// <summary>Every Smartcar call (API and token endpoints) is held <paramref name="delay"/> before it is answered, until <see cref="ClearDelaysAsync"/>.</summary>
    public async Task DelayEveryCallAsync(TimeSpan delay)
    {
        foreach (var path in SmartcarCall.Paths)
        {
            var fault = new { method = "*", path, kind = "delay", delayMilliseconds = (int)delay.TotalMilliseconds, times = MaxFaultUses };
            using var response = await _http.PostAsJsonAsync("/_emulator/faults", fault);
            await ReadAsync(response);
        }
    }

    public async Task ClearDelaysAsync()
    {
        using var response = await _http.DeleteAsync(new Uri("/_emulator/faults", UriKind.Relative));
        await ReadAsync(response);
    }

    /// <summary>Moves Smartcar's clock, and so the app's (they share it offline), forward.</summary>
    public async Task AdvanceClockAsync(TimeSpan by)
    {
        using var response = await _http.PostAsJsonAsync("/_emulator/clock/advance", new { seconds = (int)by.TotalSeconds });
        await ReadAsync(response);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"the emulator's {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record SeededUser(string Email, IReadOnlyList<SeededCar> Cars);

internal sealed record SeededCar(string Id, string Vin);

/// <summary>One request the app sent Smartcar, as the emulator logged it.</summary>
internal sealed record SmartcarCall(string Method, string Path, int Status)
{
    /// <summary>Smartcar's APIs and token endpoints, as fault patterns: the app's calls, not Connect's pages nor the steering API.</summary>
    public static readonly string[] Paths = ["/v2.0/*", "/v3/*", "/oauth/token", "/oauth2/token"];

    public bool IsAppCall => Path.StartsWith("/v2.0/", StringComparison.Ordinal)
        || Path.StartsWith("/v3/", StringComparison.Ordinal)
        || Path.TrimEnd('/') is "/oauth/token" or "/oauth2/token";

    /// <summary>The endpoint with each id as {id}, e.g. <c>POST /v2.0/vehicles/{id}/batch</c>.</summary>
    public string Endpoint => $"{Method} {string.Join('/', Path.Split('/').Select(IdAsPlaceholder))}";

    private static string IdAsPlaceholder(string segment) => Guid.TryParse(segment, out _) ? "{id}" : segment;
}
