using Reqnroll.BoDi;

namespace SpaceTestBench.Gherkin.Tests.Foundation;

/// <summary>What the runner relies on from Reqnroll's BoDi container: run → feature → scenario scopes, and disposal.</summary>
public sealed class ObjectContainerTests
{
    [Test]
    public void Children_see_parent_registrations_and_create_their_own_objects()
    {
        using var run = new ObjectContainer();
        var shared = new Service();
        run.RegisterInstanceAs(shared);
        using var scenarioA = new ObjectContainer(run);
        using var scenarioB = new ObjectContainer(run);

        Assert.That(scenarioA.Resolve<Consumer>().Service, Is.SameAs(shared));
        Assert.That(scenarioA.Resolve<Consumer>(), Is.SameAs(scenarioA.Resolve<Consumer>()), "one per container");
        Assert.That(scenarioA.Resolve<Consumer>(), Is.Not.SameAs(scenarioB.Resolve<Consumer>()), "not shared between scenarios");
    }

    [Test]
    public void Disposal_covers_created_objects_and_spares_registered_instances_unless_asked()
    {
        var order = new List<string>();
        var container = new ObjectContainer();
        var registered = new Tracked("registered", order);
        container.RegisterInstanceAs(registered);
        container.RegisterInstanceAs<object>(new Tracked("owned", order), dispose: true);
        container.Resolve<TrackedHolder>();

        container.Dispose();

        Assert.That(order, Is.EquivalentTo(new[] { "holder", "owned" }), "BoDi disposes in its pool's order, not newest first");
    }

    [Test]
    public void Circular_dependencies_and_interfaces_without_registration_are_reported()
    {
        using var container = new ObjectContainer();
        Assert.That(() => container.Resolve<Chicken>(), Throws.InstanceOf<ObjectContainerException>().With.Message.Contains("Circular"));
        Assert.That(() => container.Resolve<IDisposable>(), Throws.InstanceOf<ObjectContainerException>().With.Message.Contains("Interface cannot be resolved"));
    }

    public sealed class Service;

    public sealed class Consumer(Service service)
    {
        public Service Service { get; } = service;
    }

    public sealed class Tracked(string name, List<string> order) : IDisposable
    {
        public void Dispose() => order.Add(name);

        public void Log(string what) => order.Add(what);
    }

    public sealed class TrackedHolder(Tracked tracked) : IDisposable
    {
        public void Dispose() => tracked.Log("holder");
    }

    public sealed class Chicken(Egg egg)
    {
        public Egg Egg { get; } = egg;
    }

    public sealed class Egg(Chicken chicken)
    {
        public Chicken Chicken { get; } = chicken;
    }
}
