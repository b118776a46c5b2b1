using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartcarClean.Unit.Web;

/// <summary>
/// The app as deployed: the Production environment with its appsettings.json defaults and real Smartcar settings, on a
/// real Kestrel socket, behind a TLS-terminating proxy on this host, known by its address (a test says what it forwards). Its home page throws
/// when asked with <c>?fail=1</c>, for a real 500. Everything it logs is kept in <see cref="Logs"/>.
/// </summary>
public sealed class ProductionApp : TestWebApp
{
    public const string ForwardingProxy = "127.0.0.1";

    public ProductionApp()
    {
        UseKestrel(0);
        StartServer();
    }

    public CapturedLogs Logs { get; } = new();

    /// <summary>A client of the real socket; cookies are the test's to handle.</summary>
    public HttpClient CreateSocketClient()
    {
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        // The factory's own clients of a Kestrel server follow redirects whatever their options say.
        return new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Smartcar:ClientId", "8229df9f-91a0-4ff0-a1ae-a1f38ee24d07");
        builder.UseSetting("Smartcar:ClientSecret", "the-real-client-secret");
        builder.UseSetting("Smartcar:RedirectUri", "https://app.example.com/exchange");
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", ForwardingProxy);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => services.Configure<RazorPagesOptions>(options =>
            options.Conventions.AddPageApplicationModelConvention("/Index", page => page.Filters.Add(new FailOnRequest()))));
    }

    private sealed class FailOnRequest : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
            context.HttpContext.Request.Query.ContainsKey("fail")
                ? throw new InvalidOperationException("A page failed, as pages sometimes do.")
                : next();
    }
}
