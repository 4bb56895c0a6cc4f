using System.Collections.Concurrent;
using System.Reflection;
using SpaceTestBench.Bench.Safety;
using SpaceTestBench.Instruments.Roles;

namespace SpaceTestBench.Bench.Resilience;

/// <summary>
/// What <see cref="BenchSession.Role{T}"/> hands out: the role's capability interface, every operation of
/// which goes through the bench — it waits while an interlock responds, refuses once the scenario is
/// aborted, runs on the instrument's <see cref="InstrumentHandle"/> (one exchange at a time, retries,
/// reconnects, fault records) and tells the interlock monitor which roles were commanded.
/// Properties (model, identity, channel count) read the current driver directly.
/// </summary>
public class RoleProxy : DispatchProxy
{
    private static readonly MethodInfo TypedCall = typeof(RoleProxy).GetMethod(nameof(CallTyped), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private readonly ConcurrentDictionary<Type, MethodInfo> _typedCalls = new();
    private InstrumentHandle? _handle;
    private BenchSafety? _safety;
    private string _role = "";

    internal static T Create<T>(string role, InstrumentHandle handle, BenchSafety safety) where T : IInstrument
    {
        var proxy = DispatchProxy.Create<T, RoleProxy>();
        var self = (RoleProxy)(object)proxy!;
        self._role = role;
        self._handle = handle;
        self._safety = safety;
        return proxy;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        var returns = targetMethod.ReturnType;
        if (returns == typeof(Task))
        {
            return CallTyped<bool>(targetMethod, args, async driver =>
            {
                await (Task)Target(targetMethod, driver, args)!;
                return true;
            });
        }

        if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var result = returns.GetGenericArguments()[0];
            var typed = _typedCalls.GetOrAdd(result, t => TypedCall.MakeGenericMethod(t));
            return typed.Invoke(this, [targetMethod, args, null]);
        }

        // Properties and disposal: the session owns the driver's lifetime; read the current driver.
        return targetMethod.Name == nameof(IAsyncDisposable.DisposeAsync) ? ValueTask.CompletedTask : Target(targetMethod, _handle!.Driver, args);
    }

    private async Task<TResult> CallTyped<TResult>(MethodInfo method, object?[] args, Func<IInstrument, Task<TResult>>? call)
    {
        call ??= driver => (Task<TResult>)Target(method, driver, args)!;
        var safety = _safety!;
        var token = args.OfType<CancellationToken>().FirstOrDefault();
        await safety.EnterAsync(token);
        try
        {
            safety.ThrowIfAborted();
            return await _handle!.CallAsync(_role, method, args, call, token);
        }
        finally
        {
            safety.Leave(_role, method);
        }
    }

    private static object? Target(MethodInfo method, IInstrument driver, object?[] args)
    {
        try
        {
            return method.Invoke(driver, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
