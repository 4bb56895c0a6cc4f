using System.Reflection;

namespace SpaceTestBench.Gherkin.BoDi;

/// <summary>The dependency container of a test run, feature or scenario (Reqnroll <c>BoDi.IObjectContainer</c>).</summary>
public interface IObjectContainer
{
    /// <summary>Makes <paramref name="instance"/> the object resolved for <typeparamref name="T"/> in this container and its children.</summary>
    void RegisterInstanceAs<T>(T instance, bool dispose = false) where T : class;

    /// <summary>Makes <paramref name="instance"/> the object resolved for <paramref name="type"/>.</summary>
    void RegisterInstanceAs(object instance, Type type, bool dispose = false);

    /// <summary>The registered or (once per container) constructed object of type <typeparamref name="T"/>.</summary>
    T Resolve<T>();

    /// <summary>The registered or (once per container) constructed object of <paramref name="type"/>.</summary>
    object Resolve(Type type);

    /// <summary>True if <typeparamref name="T"/> was registered here or in a parent.</summary>
    bool IsRegistered<T>();
}

/// <summary>
/// A small constructor-injection container: explicit registrations are inherited by child containers;
/// anything else is constructed on first use in the container that asked, so binding classes and their
/// POCO dependencies live as long as the scenario, and are disposed with it in reverse order of creation.
/// </summary>
public sealed class ObjectContainer(ObjectContainer? parent = null) : IObjectContainer, IAsyncDisposable
{
    private readonly Dictionary<Type, object> _objects = [];
    private readonly List<object> _owned = [];
    private readonly HashSet<Type> _resolving = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public void RegisterInstanceAs<T>(T instance, bool dispose = false) where T : class => RegisterInstanceAs(instance, typeof(T), dispose);

    /// <inheritdoc />
    public void RegisterInstanceAs(object instance, Type type, bool dispose = false)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(type);
        lock (_gate)
        {
            _objects[type] = instance;
            if (dispose)
            {
                _owned.Add(instance);
            }
        }
    }

    /// <inheritdoc />
    public T Resolve<T>() => (T)Resolve(typeof(T));

    /// <inheritdoc />
    public bool IsRegistered<T>() => TryFind(typeof(T), out _);

    /// <inheritdoc />
    public object Resolve(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(IObjectContainer) || type == typeof(ObjectContainer))
        {
            return this;
        }

        if (TryFind(type, out var found))
        {
            return found;
        }

        lock (_gate)
        {
            if (_objects.TryGetValue(type, out var existing))
            {
                return existing;
            }

            if (!_resolving.Add(type))
            {
                throw new ObjectContainerException($"Circular dependency while creating {type.FullName}: {string.Join(" → ", _resolving.Select(t => t.Name))}.");
            }

            try
            {
                var created = Create(type);
                _objects[type] = created;
                _owned.Add(created);
                return created;
            }
            finally
            {
                _resolving.Remove(type);
            }
        }
    }

    /// <summary>Disposes the objects this container created (and those registered with dispose), newest first.</summary>
    public async ValueTask DisposeAsync()
    {
        List<object> owned;
        lock (_gate)
        {
            owned = [.. _owned];
            _owned.Clear();
        }

        List<Exception>? failures = null;
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            try
            {
                switch (owned[i])
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync();
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }
#pragma warning disable CA1031 // every object must get its chance to dispose; failures are rethrown together
            catch (Exception e)
#pragma warning restore CA1031
            {
                (failures ??= []).Add(e);
            }
        }

        if (failures is not null)
        {
            throw new AggregateException("Disposing scenario objects failed.", failures);
        }
    }

    private bool TryFind(Type type, out object found)
    {
        lock (_gate)
        {
            if (_objects.TryGetValue(type, out found!))
            {
                return true;
            }
        }

        return parent is not null && parent.TryFind(type, out found);
    }

    private object Create(Type type)
    {
        if (type.IsInterface || type.IsAbstract || type.IsPrimitive || type == typeof(string))
        {
            throw new ObjectContainerException($"Nothing is registered for {type.FullName}, and it cannot be constructed.");
        }

        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault() ?? throw new ObjectContainerException($"{type.FullName} has no public constructor.");
        // Lock is re-entrant: dependencies are resolved (and created) under the same lock.
        var arguments = constructor.GetParameters().Select(p => Resolve(p.ParameterType)).ToArray();
        try
        {
            return constructor.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new ObjectContainerException($"Constructing {type.FullName} failed: {e.InnerException.Message}", e.InnerException);
        }
    }
}

/// <summary>An object could not be resolved or constructed.</summary>
public sealed class ObjectContainerException(string message, Exception? inner = null) : Exception(message, inner);
