using System.Net;
using System.Net.Sockets;

namespace SmartcarClean.Unit.Web.Operations;

/// <summary>
/// A stand-in for an OpenTelemetry collector's OTLP/HTTP endpoint on a free loopback port: it answers 200 and keeps the
/// path and content type of each export it receives (e.g. <c>POST /v1/traces application/x-protobuf</c>).
/// </summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<string> _exports = [];

    public OtlpReceiver()
    {
        Url = $"http://127.0.0.1:{FreePort()}";
        _listener.Prefixes.Add($"{Url}/");
        _listener.Start();
        _ = ReceiveAsync();
    }

    public string Url { get; }

    public IReadOnlyList<string> Exports
    {
        get
        {
            lock (_exports)
            {
                return [.. _exports];
            }
        }
    }

    public void Dispose() => _listener.Close();

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            lock (_exports)
            {
                _exports.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.ContentType}");
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
