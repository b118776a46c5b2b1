using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SmartcarClean.Emulator.Steering.Faults;

/// <summary>
/// WireMock's own faults still send a well-formed HTTP response, so a dropped connection needs the
/// ASP.NET Core connection itself: a middleware in front of WireMock remembers the current request
/// so a fault callback (which runs inside it) can abort it.
/// </summary>
internal static class DroppedConnections
{
    private static readonly AsyncLocal<HttpContext?> Current = new();

    /// <summary>For <c>WireMockServerSettings.PreWireMockMiddlewareInit</c>, which hands over the IApplicationBuilder.</summary>
    public static void Install(object applicationBuilder) =>
        ((IApplicationBuilder)applicationBuilder).Use(async (context, next) =>
        {
            Current.Value = context;
            await next(context).ConfigureAwait(false);
        });

    public static void DropCurrent() => Current.Value?.Abort();
}
