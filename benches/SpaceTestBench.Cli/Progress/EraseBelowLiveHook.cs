using Spectre.Console;
using Spectre.Console.Rendering;

namespace SpaceTestBench.Cli.Progress;

/// <summary>
/// Spectre's live display writes the run's own lines (each scenario's verdict) over its old picture without
/// erasing it, so a line shorter than the picture — the second half of a wrapped line — keeps the picture's
/// tail. While the display is live this hook ends every written line by erasing the rest of its row.
/// </summary>
internal sealed class EraseBelowLiveHook : IRenderHook
{
    public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables) =>
        renderables.Select(r => r is ControlCode ? r : new ErasingLines(r));

    private sealed class ErasingLines(IRenderable inner) : IRenderable
    {
        // ECMA-48 §8.3.41 EL: erase in line, from the cursor to the end.
        private static readonly Segment EraseToEnd = Segment.Control("\u001b[K");

        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            foreach (var segment in inner.Render(options, maxWidth))
            {
                if (segment.IsLineBreak)
                {
                    yield return EraseToEnd;
                }

                yield return segment;
            }
        }
    }
}
