using System.Diagnostics;
using System.Globalization;

namespace SmartcarClean.Infrastructure.Smartcar;

/// <summary>
/// Counts each call as it goes to Smartcar: the innermost handler of every Smartcar client, so each retry is counted
/// (Smartcar bills it) and a call held back never reaches it.
/// </summary>
internal sealed class SmartcarCallMeter(SmartcarCallMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var endpoint = SmartcarRoutes.Template(request.Method, request.RequestUri);
        var started = Stopwatch.GetTimestamp();
        var status = SmartcarCallMetrics.Unreachable;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response;
        }
        finally
        {
            metrics.Called(endpoint, status, Stopwatch.GetElapsedTime(started));
        }
    }
}
