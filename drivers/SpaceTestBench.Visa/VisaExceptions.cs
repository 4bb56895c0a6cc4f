namespace SpaceTestBench.Visa;

/// <summary>Base of every error the VISA layer raises; carries the resource it concerns.</summary>
public class VisaException : Exception
{
    /// <summary>Creates an error about <paramref name="resource"/>.</summary>
    public VisaException(string resource, string message, Exception? inner = null)
        : base(string.IsNullOrEmpty(resource) ? message : $"{resource}: {message}", inner)
    {
        Resource = resource;
    }

    /// <summary>The resource string of the session, as the user wrote it.</summary>
    public string Resource { get; }
}

/// <summary>The instrument did not complete an operation within the session's timeout.</summary>
public sealed class VisaTimeoutException(string resource, string operation, TimeSpan timeout, Exception? inner = null)
    : VisaException(resource, $"timed out after {timeout.TotalMilliseconds:0} ms waiting to {operation}.", inner)
{
    /// <summary>The timeout that expired.</summary>
    public TimeSpan Timeout { get; } = timeout;
}

/// <summary>The connection to the instrument was refused, reset or closed.</summary>
public sealed class VisaConnectionLostException(string resource, string message, Exception? inner = null)
    : VisaException(resource, message, inner);

/// <summary>The instrument answered something the protocol does not allow (bad framing, garbage, oversized).</summary>
public sealed class VisaProtocolException(string resource, string message, Exception? inner = null)
    : VisaException(resource, message, inner);

/// <summary>A resource string that does not parse, or names an interface this VISA layer does not support.</summary>
public sealed class ResourceNameException(string resource, string message)
    : VisaException(resource, message);

/// <summary>Another session holds a lock on the resource, or this session holds none to release.</summary>
public sealed class VisaResourceLockedException(string resource, string message, Exception? inner = null)
    : VisaException(resource, message, inner);

/// <summary>The transport has no way to do what was asked (e.g. lock a raw socket); it is never silently skipped.</summary>
public sealed class VisaOperationNotSupportedException(string resource, string operation)
    : VisaException(resource, $"{operation} is not supported by this resource's protocol.")
{
    /// <summary>What was asked for.</summary>
    public string Operation { get; } = operation;
}
