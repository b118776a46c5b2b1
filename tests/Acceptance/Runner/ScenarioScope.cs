using System.Reflection;

namespace SmartcarClean.Acceptance.Runner;

/// <summary>
/// The objects of one scenario. A service registered in the test-run provider is handed out as is (the run owns it);
/// any other concrete class (binding classes, page objects, drivers) is created once per scenario through its
/// constructor, and disposed with the scope, last created first.
/// </summary>
internal sealed class ScenarioScope(
    IServiceProvider testRunServices, FeatureContext feature, ScenarioContext context, IReqnrollOutputHelper output) : IAsyncDisposable
{
    private readonly Dictionary<Type, object> _instances = new()
    {
        [typeof(FeatureContext)] = feature,
        [typeof(FeatureInfo)] = feature.FeatureInfo,
        [typeof(ScenarioContext)] = context,
        [typeof(ScenarioInfo)] = context.ScenarioInfo,
        [typeof(IReqnrollOutputHelper)] = output,
    };
    private readonly List<object> _created = [];
    private readonly Stack<Type> _resolving = new();

    public object Resolve(Type type)
    {
        if (_instances.TryGetValue(type, out var existing))
        {
            return existing;
        }

        if (testRunServices.GetService(type) is { } service)
        {
            return service;
        }

        if (_resolving.Contains(type))
        {
            throw new InvalidOperationException($"Circular constructor dependency: {string.Join(" -> ", _resolving.Reverse().Append(type).Select(t => t.Name))}.");
        }

        if (!type.IsClass || type.IsAbstract || type.IsGenericTypeDefinition || type == typeof(string))
        {
            throw new InvalidOperationException(
                $"Cannot create {type.Name}{RequestedBy()}: it is not registered in the test-run services and is not a concrete class.");
        }

        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"Cannot create {type.Name}{RequestedBy()}: it has no public constructor.");
        _resolving.Push(type);
        try
        {
            var arguments = constructor.GetParameters().Select(parameter => Resolve(parameter.ParameterType)).ToArray();
            var instance = constructor.Invoke(BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
            _instances[type] = instance;
            _created.Add(instance);
            return instance;
        }
        finally
        {
            _resolving.Pop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        var errors = new List<Exception>();
        foreach (var instance in Enumerable.Reverse(_created))
        {
            try
            {
                if (instance is IAsyncDisposable asyncDisposable)
                {
                    await asyncDisposable.DisposeAsync();
                }
                else if (instance is IDisposable disposable)
                {
                    disposable.Dispose();
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                errors.Add(new InvalidOperationException($"Disposing {instance.GetType().Name} failed: {exception.Message}", exception));
            }
        }

        if (errors.Count > 0)
        {
            throw errors.Count == 1 ? errors[0] : new AggregateException(errors);
        }
    }

    private string RequestedBy() => _resolving.Count > 0 ? $" (needed by {_resolving.Peek().Name})" : "";
}
