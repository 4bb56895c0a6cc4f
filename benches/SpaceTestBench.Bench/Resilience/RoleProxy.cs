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
    private static readonly MethodInfo TypedCall = typeof(RoleProxy).GetMethod(nameof(CallBoxed), BindingFlags.NonPublic | BindingFlags.Instance)!;

    // What each role operation needs per call, worked out once per method rather than by reflection on every
    // call (the default run makes ~115,000 of them): how to call it typed, and where its cancellation token is.
    private static readonly ConcurrentDictionary<MethodInfo, MethodPlan> Plans = new();
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
        var plan = Plans.GetOrAdd(targetMethod, MethodPlan.For);
        if (plan.Call is { } call)
        {
            return call(this, targetMethod, args, plan.TokenIndex);
        }

        // Properties and disposal: the session owns the driver's lifetime; read the current driver.
        return targetMethod.Name == nameof(IAsyncDisposable.DisposeAsync) ? ValueTask.CompletedTask : Target(targetMethod, _handle!.Driver, args);
    }

    private sealed record MethodPlan(Func<RoleProxy, MethodInfo, object?[], int, object>? Call, int TokenIndex)
    {
        public static MethodPlan For(MethodInfo method)
        {
            var parameters = method.GetParameters();
            var tokenIndex = Array.FindIndex(parameters, p => p.ParameterType == typeof(CancellationToken));
            var returns = method.ReturnType;
            if (returns == typeof(Task))
            {
                return new MethodPlan(static (proxy, m, a, t) => proxy.CallUntyped(m, a, t), tokenIndex);
            }

            if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
            {
                var typed = TypedCall.MakeGenericMethod(returns.GetGenericArguments()[0]);
                return new MethodPlan(typed.CreateDelegate<Func<RoleProxy, MethodInfo, object?[], int, object>>(), tokenIndex);
            }

            return new MethodPlan(null, tokenIndex);
        }
    }

    private Task<bool> CallUntyped(MethodInfo method, object?[] args, int tokenIndex) =>
        CallTyped<bool>(method, args, tokenIndex, async driver =>
        {
            await (Task)Target(method, driver, args)!;
            return true;
        });

    private Task<TResult> CallBoxed<TResult>(MethodInfo method, object?[] args, int tokenIndex) =>
        CallTyped<TResult>(method, args, tokenIndex, null);

    private async Task<TResult> CallTyped<TResult>(MethodInfo method, object?[] args, int tokenIndex, Func<IInstrument, Task<TResult>>? call)
    {
        call ??= driver => (Task<TResult>)Target(method, driver, args)!;
        var safety = _safety!;
        var token = tokenIndex >= 0 && args[tokenIndex] is CancellationToken given ? given : default;
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
