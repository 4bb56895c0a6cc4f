using System.Reflection;
using SpaceTestBench.Bench.Resilience;
using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Bench.Tests.Safety;

public sealed class IdempotentQueryTests
{
    private static IEnumerable<MethodInfo> RoleMethods() =>
        typeof(IInstrument).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IInstrument).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods());

    [Test]
    public void Only_operations_marked_as_idempotent_queries_are_retried()
    {
        var setOutput = typeof(IDcPowerSupply).GetMethod(nameof(IDcPowerSupply.SetOutputAsync))!;
        var measureCurrent = typeof(IDcPowerSupply).GetMethod(nameof(IDcPowerSupply.MeasureCurrentAsync))!;

        Assert.That(IdempotentQueries.IsQuery(measureCurrent), Is.True);
        Assert.That(IdempotentQueries.IsQuery(setOutput), Is.False);
    }

    [Test]
    public void Every_marked_operation_returns_what_it_read()
    {
        var marked = RoleMethods().Where(m => m.IsDefined(typeof(IdempotentQueryAttribute))).ToList();

        Assert.That(marked, Is.Not.Empty);
        Assert.That(
            marked.Where(m => !(m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))).Select(m => $"{m.DeclaringType!.Name}.{m.Name}"),
            Is.Empty,
            "a query returns a value; an operation returning only Task changes something and must not be retried");
    }

    [Test]
    public void Operations_that_change_the_instrument_are_not_marked()
    {
        var changing = new[] { "Set", "Reset", "Start", "Stop", "Clear", "Trigger", "Run", "Power", "Open", "Close", "Select", "Acquire", "Restart" };

        Assert.That(
            RoleMethods().Where(m => m.IsDefined(typeof(IdempotentQueryAttribute)) && changing.Any(c => m.Name.StartsWith(c, StringComparison.Ordinal)))
                .Select(m => $"{m.DeclaringType!.Name}.{m.Name}"),
            Is.Empty);
    }
}
