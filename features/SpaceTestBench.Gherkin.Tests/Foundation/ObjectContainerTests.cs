using SpaceTestBench.Gherkin.BoDi;

namespace SpaceTestBench.Gherkin.Tests.Foundation;

public sealed class ObjectContainerTests
{
    [Test]
    public async Task Children_see_parent_registrations_and_create_their_own_objects()
    {
        await using var run = new ObjectContainer();
        var shared = new Service();
        run.RegisterInstanceAs(shared);
        await using var scenarioA = new ObjectContainer(run);
        await using var scenarioB = new ObjectContainer(run);

        Assert.That(scenarioA.Resolve<Consumer>().Service, Is.SameAs(shared));
        Assert.That(scenarioA.Resolve<Consumer>(), Is.SameAs(scenarioA.Resolve<Consumer>()), "one per container");
        Assert.That(scenarioA.Resolve<Consumer>(), Is.Not.SameAs(scenarioB.Resolve<Consumer>()), "not shared between scenarios");
    }

    [Test]
    public async Task Disposal_is_newest_first_and_spares_registered_instances_unless_asked()
    {
        var order = new List<string>();
        var container = new ObjectContainer();
        var registered = new Tracked("registered", order);
        container.RegisterInstanceAs(registered);
        container.RegisterInstanceAs<object>(new Tracked("owned", order), dispose: true);
        container.Resolve<TrackedHolder>();

        await container.DisposeAsync();

        Assert.That(order, Is.EqualTo(new[] { "holder", "owned" }));
    }

    [Test]
    public void Circular_dependencies_and_interfaces_without_registration_are_reported()
    {
        var container = new ObjectContainer();
        Assert.That(() => container.Resolve<Chicken>(), Throws.InstanceOf<ObjectContainerException>().With.Message.Contains("Circular"));
        Assert.That(() => container.Resolve<IDisposable>(), Throws.InstanceOf<ObjectContainerException>().With.Message.Contains("Nothing is registered"));
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
