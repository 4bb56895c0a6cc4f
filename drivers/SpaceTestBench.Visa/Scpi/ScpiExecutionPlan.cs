namespace SpaceTestBench.Visa.Scpi;

/// <summary>
/// A program message parsed and resolved against the command tree: each unit with its handler (or none,
/// for an undefined header), or the parse error. It depends only on the message bytes and the immutable
/// tree, so a session keeps the plans of its recent short messages and a polling loop skips the parser.
/// </summary>
internal sealed class ScpiExecutionPlan
{
    private ScpiExecutionPlan(ScpiError? parseError, (ScpiProgramUnit Unit, ScpiCommandTree.Match? Match)[] steps)
    {
        ParseError = parseError;
        Steps = steps;
    }

    public ScpiError? ParseError { get; }

    public (ScpiProgramUnit Unit, ScpiCommandTree.Match? Match)[] Steps { get; }

    public static ScpiExecutionPlan Create(ScpiCommandTree tree, ReadOnlySpan<byte> message)
    {
        IReadOnlyList<ScpiProgramUnit> units;
        try
        {
            units = ScpiProgramParser.Parse(message);
        }
        catch (ScpiErrorException e)
        {
            return new ScpiExecutionPlan(e.Error, []);
        }

        var steps = new List<(ScpiProgramUnit, ScpiCommandTree.Match?)>(units.Count);
        ScpiHeaderNode[] path = [];
        foreach (var unit in units)
        {
            // SCPI-99 Vol. 1 §6.2.4: a header without a leading ':' continues from the path of the previous
            // one; common commands neither use nor change the path.
            IReadOnlyList<ScpiHeaderNode> nodes = unit.IsCommon || unit.IsAbsolute || path.Length == 0 ? unit.Nodes : [.. path, .. unit.Nodes];
            var match = tree.Find(nodes, unit.IsQuery);
            steps.Add((unit, match));
            if (match is null)
            {
                break; // IEEE 488.2 §6.1.6.1.1: nothing after a command error runs
            }

            if (!unit.IsCommon)
            {
                path = PathOf(nodes);
            }
        }

        return new ScpiExecutionPlan(null, [.. steps]);
    }

    private static ScpiHeaderNode[] PathOf(IReadOnlyList<ScpiHeaderNode> nodes)
    {
        if (nodes.Count < 2)
        {
            return [];
        }

        var path = new ScpiHeaderNode[nodes.Count - 1];
        for (var i = 0; i < path.Length; i++)
        {
            path[i] = nodes[i];
        }

        return path;
    }
}
