using System.Reflection;
using Mediator;
using NetArchTest.Rules;

namespace SmartcarClean.Unit.Architecture;

/// <summary>
/// Requests are the public ways into the Application, each with the checks of its own pipeline: a handler that sent
/// another request would make that one a second way in (one that skips the first one's checks) and hide a handler's
/// work behind the mediator. Steps a use case shares are services it takes in its constructor. Seen failing once, on
/// HandleRedirect sending ExchangeCode and LinkSmartcarUser through ISender.
/// </summary>
public sealed class RequestHandlerTests
{
    private static readonly Assembly Application = typeof(SmartcarClean.Application.DependencyInjection).Assembly;

    private static readonly Type[] HandlerInterfaces =
    [
        typeof(ICommandHandler<>), typeof(ICommandHandler<,>), typeof(IQueryHandler<,>), typeof(IRequestHandler<>),
        typeof(IRequestHandler<,>), typeof(INotificationHandler<>),
    ];

    [Fact]
    public void No_request_handler_depends_on_the_mediator()
    {
        var handlers = Types.InAssembly(Application).That().ImplementInterface(HandlerInterfaces[0]);
        foreach (var handlerInterface in HandlerInterfaces.Skip(1))
        {
            handlers = handlers.Or().ImplementInterface(handlerInterface);
        }

        handlers.GetTypes().Count().ShouldBeGreaterThanOrEqualTo(7, "the rule must look at the real handlers");
        handlers.ShouldNot()
            .HaveDependencyOnAny(typeof(ISender).FullName, typeof(IMediator).FullName, typeof(IPublisher).FullName)
            .GetResult().FailingTypeNames.ShouldBeNull();
    }
}
