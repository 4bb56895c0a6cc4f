using System.Reflection;
using System.Runtime.ExceptionServices;

namespace SpaceTestBench.Gherkin.Execution;

/// <summary>Calls binding methods (sync or async) and reads what their exceptions mean for the step's status.</summary>
internal static class BindingInvoker
{
    public static async Task InvokeAsync(MethodInfo method, object? target, object?[] arguments)
    {
        object? returned;
        try
        {
            returned = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(false);
                break;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// The status an exception gives a step or hook. NUnit's Ignore and Inconclusive are recognised by name
    /// so that this library does not depend on NUnit.
    /// </summary>
    public static TestStatus StatusOf(System.Exception error) => error switch
    {
        PendingStepException or Reqnroll.PendingStepException => TestStatus.Pending,
        SkippedStepException => TestStatus.Skipped,
        _ when error.GetType().FullName is "NUnit.Framework.IgnoreException" or "NUnit.Framework.InconclusiveException" => TestStatus.Skipped,
        _ => TestStatus.Failed,
    };

    /// <summary>Whether the exception carries something to report (a pending or skip without a reason does not).</summary>
    public static bool IsReportable(System.Exception error) => error switch
    {
        PendingStepException pending => pending.HasReason,
        Reqnroll.PendingStepException pending => pending.Message != new Reqnroll.PendingStepException().Message,
        SkippedStepException skipped => skipped.HasReason,
        _ => true,
    };
}
