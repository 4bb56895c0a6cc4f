using SpaceTestBench.Simulation.Dut;
using SpaceTestBench.Simulation.Environment;

namespace SpaceTestBench.Simulation;

/// <summary>
/// A total-dose sample plan in the simulated Co-60 cell: every sample of a lot has a position — on the irradiation
/// board in the field, its rails held by the board's bias supply (or grounded, unbiased), or outside the cell (an
/// unirradiated control) — and the cell's switch matrix connects one of them at a time to the bench's test
/// equipment (the test station: the DUT supplies and the test agent), as in-situ testing through the cell's cable
/// feed-throughs does. A sample keeps its position while it is on the station (its dose follows its position);
/// its bias there is whatever the bench's supplies apply. The samples off the station evolve with the field, the
/// chamber's temperature and their bias.
/// </summary>
public sealed partial class SimulatedFacility
{
    private readonly Dictionary<string, BoardPosition> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DutModel> _board = new(StringComparer.Ordinal);

    /// <summary>The serials of the samples of the lot in the cell (on the board or beside it), in the order they were placed.</summary>
    public IReadOnlyList<string> LotSamples
    {
        get
        {
            lock (_gate)
            {
                return [.. _positions.Keys];
            }
        }
    }

    /// <summary>
    /// Gives the sample on the test station its place in the lot: in the gamma field (<paramref name="inField"/>) or
    /// beside the cell, its rails held at <paramref name="biasVolts"/> (by rail; empty: grounded, unbiased) whenever it
    /// is not on the test station. The next fresh sample mounted with <c>keepLot</c> leaves it there.
    /// </summary>
    public void PlaceInLot(IReadOnlyDictionary<string, double> biasVolts, bool inField)
    {
        ArgumentNullException.ThrowIfNull(biasVolts);
        Run(() =>
        {
            foreach (var rail in biasVolts.Keys.Where(r => !Dut.Spec.SupplyLoads.ContainsKey(r)))
            {
                throw new ArgumentException($"The DUT has no rail '{rail}'; rails: {string.Join(", ", Dut.Spec.SupplyLoads.Keys)}.", nameof(biasVolts));
            }

            _positions[Dut.Spec.SerialNumber] = new BoardPosition(new Dictionary<string, double>(biasVolts, StringComparer.Ordinal), inField);
        });
    }

    /// <summary>
    /// Connects the lot's sample <paramref name="serialNumber"/> to the test station in place of the one there, which
    /// returns to its position in the lot.
    /// </summary>
    /// <exception cref="InvalidOperationException">A supply output wired to the station is on, or the sample is not in the lot.</exception>
    public void SelectFromLot(string serialNumber)
    {
        ArgumentNullException.ThrowIfNull(serialNumber);
        Run(() =>
        {
            if (Dut.Spec.SerialNumber == serialNumber)
            {
                return;
            }

            RefuseLiveSwitch();
            if (!_board.Remove(serialNumber, out var next))
            {
                throw new InvalidOperationException($"The sample {serialNumber} is not in the lot in the gamma cell; the lot holds {string.Join(", ", _positions.Keys)}.");
            }

            SwitchStation(next, keepLot: true);
            Sample = next.Sample;
        });
    }

    /// <summary>The sample's dose so far, rad(Si), wherever it is in the lot (the simulation's truth, for tests).</summary>
    public double LotSampleDose(string serialNumber) => Run(() =>
        Dut.Spec.SerialNumber == serialNumber ? Dut.DoseRad
        : _board.TryGetValue(serialNumber, out var model) ? model.DoseRad
        : throw new InvalidOperationException($"The sample {serialNumber} is not in the lot."));

    /// <summary>Puts <paramref name="next"/> on the station; the one there goes to its lot position if it has one (and <paramref name="keepLot"/>), else leaves the bench.</summary>
    private void SwitchStation(DutModel next, bool keepLot)
    {
        var sources = Dut.Sources.ToList();
        var leaving = Dut;
        leaving.Disconnect();
        if (keepLot && _positions.ContainsKey(leaving.Spec.SerialNumber))
        {
            _board[leaving.Spec.SerialNumber] = leaving;
        }
        else if (!keepLot)
        {
            _positions.Clear();
            _board.Clear();
        }

        foreach (var (rail, source) in sources)
        {
            next.Connect(rail, source);
        }

        Dut = next;
    }

    private void RefuseLiveSwitch()
    {
        var live = Dut.Sources.Where(s => s.Source.OutputOn).Select(s => s.Rail).ToList();
        if (live.Count > 0)
        {
            throw new InvalidOperationException($"The DUT's {string.Join(" and ", live)} rail is powered; switch its supply off before exchanging the sample.");
        }
    }

    /// <summary>The gamma dose rate on the station's sample: none when its lot position is outside the field.</summary>
    private bool StationInField => !_positions.TryGetValue(Dut.Spec.SerialNumber, out var position) || position.InField;

    /// <summary>Integrates the samples off the station over <paramref name="step"/> at the field's mean rate over it.</summary>
    private void AdvanceBoard(double step, double fieldRate, double environmentKelvin, bool vacuum)
    {
        foreach (var (serial, model) in _board)
        {
            var position = _positions[serial];
            model.AdvanceOnBoard(step, position.InField ? fieldRate : 0, position.InField ? environmentKelvin : ThermalChamberSpec.AmbientKelvin, position.InField && vacuum, position.BiasVolts, Now);
        }
    }

    /// <summary>The longest step over which the board's samples' temperature-dependent rates can be held constant.</summary>
    private double BoardSuggestedStep(double environmentKelvin, bool vacuum)
    {
        var step = double.PositiveInfinity;
        foreach (var (serial, model) in _board)
        {
            var inField = _positions[serial].InField;
            step = Math.Min(step, model.SuggestedStep(inField ? environmentKelvin : ThermalChamberSpec.AmbientKelvin, inField && vacuum));
        }

        return step;
    }

    /// <summary>A sample's place in the lot.</summary>
    /// <param name="BiasVolts">The board's bias per rail (a rail not named is grounded).</param>
    /// <param name="InField">In the gamma field (irradiated) or beside the cell (a control).</param>
    internal sealed record BoardPosition(IReadOnlyDictionary<string, double> BiasVolts, bool InField);
}
