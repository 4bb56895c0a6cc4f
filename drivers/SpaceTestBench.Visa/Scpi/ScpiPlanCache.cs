namespace SpaceTestBench.Visa.Scpi;

/// <summary>The plans of a session's recent short messages, replaced round-robin.</summary>
internal sealed class ScpiPlanCache
{
    private const int MaxMessageLength = 256;
    private readonly (byte[] Message, ScpiExecutionPlan Plan)[] _entries = new (byte[], ScpiExecutionPlan)[8];
    private int _next;

    public ScpiExecutionPlan Get(ScpiCommandTree tree, ReadOnlySpan<byte> message)
    {
        foreach (var (cached, plan) in _entries)
        {
            if (cached is not null && message.SequenceEqual(cached))
            {
                return plan;
            }
        }

        var created = ScpiExecutionPlan.Create(tree, message);
        if (message.Length <= MaxMessageLength)
        {
            _entries[_next] = (message.ToArray(), created);
            _next = (_next + 1) % _entries.Length;
        }

        return created;
    }
}
