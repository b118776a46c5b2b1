using System.Text.RegularExpressions;
using SmartcarClean.Emulator.Http;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace SmartcarClean.Emulator.Steering.Faults;

/// <summary>
/// Queued faults, each one a WireMock mapping that outranks every endpoint (so faults work on any route,
/// including ones added later) and deletes itself after its last use. Two requests racing for a fault's
/// last use may both get it: faults are a test tool, not a rate limiter.
/// </summary>
internal sealed partial class FaultQueue(WireMockServer server, string baseUrl) : IDisposable
{
    /// <summary>Marks the emulator's own replay of a delayed request, so faults ignore it and the log hides it.</summary>
    public const string ReplayHeader = "X-Emulator-Replay";

    public const int MaxTimes = 1000;

    private static readonly string[] HopByHopHeaders = ["Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive"];

    private readonly Lock _gate = new();
    private readonly List<PendingFault> _pending = [];
    private readonly HttpClient _replay = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = Fault.MaxDelay + TimeSpan.FromMinutes(1),
    };

    private int _sequence;

    public IReadOnlyList<PendingFault> Pending
    {
        get
        {
            lock (_gate)
            {
                return [.. _pending];
            }
        }
    }

    /// <summary>Queues <paramref name="fault"/> for the next <paramref name="times"/> matching requests.</summary>
    public PendingFault Add(string method, string pathPattern, Fault fault, string? vehicleId, int times)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var verb = (method ?? "").Trim().ToUpperInvariant();
        if (verb != "*" && verb != "ANY" && !HttpMethodPattern().IsMatch(verb))
        {
            throw new ArgumentException($"method must be an HTTP method such as GET or POST, or * for any, got '{method}'.", nameof(method));
        }

        if (pathPattern is null || !pathPattern.StartsWith('/'))
        {
            throw new ArgumentException($"path must start with / (use * as a wildcard, e.g. /v2.0/vehicles/*), got '{pathPattern}'.", nameof(pathPattern));
        }

        if (vehicleId is not null && vehicleId.Trim().Length == 0)
        {
            throw new ArgumentException("vehicleId, when given, must not be empty.", nameof(vehicleId));
        }

        if (times is < 1 or > MaxTimes)
        {
            throw new ArgumentException($"times must be between 1 and {MaxTimes}, got {times}.", nameof(times));
        }

        lock (_gate)
        {
            var pending = new PendingFault(Guid.NewGuid(), verb == "ANY" ? "*" : verb, pathPattern, vehicleId?.Trim(), fault, times);
            var request = Request.Create()
                .WithPath(new RegexMatcher(PathRegex(pending.PathPattern, pending.VehicleId)))
                .WithHeader(ReplayHeader, "*", true, MatchBehaviour.RejectOnMatch);
            var matching = pending.Method == "*" ? request.UsingAnyMethod() : request.UsingMethod(pending.Method);
            server.Given(matching)
                .WithGuid(pending.Id)
                .WithTitle($"emulator fault: {fault} on {pending.Method} {pending.PathPattern}")
                .AtPriority(MappingPriority.FirstFault + _sequence++)
                .RespondWith(Response.Create().WithCallback(r => AnswerAsync(pending.Id, fault, r)));
            _pending.Add(pending);
            return pending;
        }
    }

    /// <summary>
    /// For one path inside a batch (<c>POST /vehicles/{id}/batch</c>), which no fault mapping sees: takes one use of the
    /// first queued error fault whose method and path match, as its own request would have. Delays and dropped
    /// connections act on whole requests only, so they are left queued.
    /// </summary>
    public Fault? TakeErrorFor(string method, string path)
    {
        lock (_gate)
        {
            var pending = _pending.FirstOrDefault(f => f.Fault.Kind is not (FaultKind.Delay or FaultKind.Drop)
                && (f.Method == "*" || f.Method == method)
                && Regex.IsMatch(path, PathRegex(f.PathPattern, f.VehicleId)));
            if (pending is null)
            {
                return null;
            }

            UseOnce(pending.Id);
            return pending.Fault;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            foreach (var fault in _pending)
            {
                server.DeleteMapping(fault.Id);
            }

            _pending.Clear();
        }
    }

    public void Dispose() => _replay.Dispose();

    /// <summary>
    /// The pattern matches the whole path; * matches anything (slashes included), a trailing slash is optional.
    /// A vehicle id must appear as <c>/vehicles/{id}</c> somewhere in the path (v2.0 and v3 alike).
    /// </summary>
    private static string PathRegex(string pattern, string? vehicleId)
    {
        var path = Regex.Escape(pattern.TrimEnd('/')).Replace(@"\*", ".*", StringComparison.Ordinal);
        var vehicle = vehicleId is null ? "" : $"(?=.*/vehicles/{Regex.Escape(vehicleId)}(/|$))";
        return $"^{vehicle}{path}/?$";
    }

    private async Task<IResponseMessage> AnswerAsync(Guid id, Fault fault, IRequestMessage request)
    {
        UseOnce(id);
        switch (fault.Kind)
        {
            case FaultKind.Delay:
                // Real time on purpose: a slow network is wall-clock latency, not world time.
                await Task.Delay(fault.Delay).ConfigureAwait(false);
                return await ReplayAsync(request).ConfigureAwait(false);
            case FaultKind.Drop:
                DroppedConnections.DropCurrent();
                return new ResponseMessage { StatusCode = 0, Headers = new Dictionary<string, WireMockList<string>>() };
            default:
                return FaultReplies.For(fault);
        }
    }

    private void UseOnce(Guid id)
    {
        lock (_gate)
        {
            var index = _pending.FindIndex(f => f.Id == id);
            if (index < 0)
            {
                return; // its last use was just taken by a concurrent request: see the class comment
            }

            var pending = _pending[index];
            if (pending.Remaining <= 1)
            {
                _pending.RemoveAt(index);
                server.DeleteMapping(id);
            }
            else
            {
                _pending[index] = pending with { Remaining = pending.Remaining - 1 };
            }
        }
    }

    /// <summary>Sends the held request to the emulator itself and answers what the real endpoint answered.</summary>
    private async Task<IResponseMessage> ReplayAsync(IRequestMessage request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Url).PathAndQuery);
        var body = request.BodyData?.BodyAsBytes ?? (request.Body is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : null);
        if (body is { Length: > 0 })
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, values) in request.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            if (!HopByHopHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)
                && !message.Headers.TryAddWithoutValidation(name, values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values);
            }
        }

        message.Headers.Add(ReplayHeader, "delay");
        using var response = await _replay.SendAsync(message).ConfigureAwait(false);
        var reply = new ResponseMessage
        {
            StatusCode = (int)response.StatusCode,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
        };
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHopHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                reply.AddHeader(name, [.. values]);
            }
        }

        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (bytes.Length > 0)
        {
            reply.BodyData = new BodyData { BodyAsBytes = bytes, DetectedBodyType = BodyType.Bytes };
        }

        return reply;
    }

    [GeneratedRegex("^[A-Z]+$")]
    private static partial Regex HttpMethodPattern();
}
