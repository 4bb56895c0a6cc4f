using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Visa.Sessions;

namespace SpaceTestBench.Instruments.Facility;

/// <summary>
/// The DUT's test agent, driven through the agent protocol (docs/facility-adapter.md). The agent reports
/// the DUT's troubles as device-specific errors (+201 not powered, +202 hung, +203 booting, +204 failed,
/// +205 no optical terminal), which the driver raises like any instrument error.
/// </summary>
public sealed class DutTestAgent(IMessageBasedSession session) : ScpiInstrument(session), IDutAgent
{
    /// <summary>The model name bench files use.</summary>
    public const string ModelName = "DUT test agent";

    private const double ZeroCelsius = 273.15;

    /// <summary>The agent's error for a command that needs a powered DUT.</summary>
    private const int NotPowered = 201;

    /// <summary>The agent's error for a soft reset that left the DUT hung (it needs a power cycle).</summary>
    private const int ResetDidNotRecover = 202;

    /// <inheritdoc />
    public override string Model => ModelName;

    /// <inheritdoc />
    protected override string ExpectedModelField => "TEST-AGENT";

    /// <inheritdoc />
    public async Task<DutIdentity> IdentifyDutAsync(CancellationToken cancellationToken = default)
    {
        var response = await QueryAsync($"DUT:IDEN?", cancellationToken);
        var fields = response.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
        return fields.Length == 3
            ? new DutIdentity(fields[0], fields[1], fields[2])
            : throw new VisaProtocolException(Resource, $"DUT:IDEN? answered '{Shorten(response)}', not \"part\",\"name\",\"serial\".");
    }

    /// <inheritdoc />
    public async Task<DutStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        ParseStatus(await QueryAsync($"DUT:STAT?", cancellationToken));

    /// <inheritdoc />
    /// <remarks>One program message of two query units (IEEE 488.2 §8.4.1), answered in one response message.</remarks>
    public async Task<(DutEventCounters Counters, DutStatus Status)> ReadCountersAndStatusAsync(CancellationToken cancellationToken = default)
    {
        var response = await QueryAsync($"COUN:ALL?;:DUT:STAT?", cancellationToken);
        var separator = response.LastIndexOf(';');
        return separator < 0
            ? throw new VisaProtocolException(Resource, $"COUN:ALL?;:DUT:STAT? answered '{Shorten(response)}', not two response units.")
            : (ParseCounters(response[..separator]), ParseStatus(response[(separator + 1)..].Trim()));
    }

    private DutStatus ParseStatus(string response) => response.ToUpperInvariant() switch
    {
        "OFF" => DutStatus.Off,
        "BOOT" => DutStatus.Booting,
        "IDLE" => DutStatus.Idle,
        "RUN" => DutStatus.Running,
        "HUNG" => DutStatus.Hung,
        "FAIL" => DutStatus.Failed,
        _ => throw new VisaProtocolException(Resource, $"DUT:STAT? answered '{Shorten(response)}'."),
    };

    /// <inheritdoc />
    public Task StartWorkloadAsync(DutWorkload workload, CancellationToken cancellationToken = default) =>
        WriteAsync($"WORK:STAR {(workload == DutWorkload.Inference ? "INF" : "MEMT")}", cancellationToken);

    /// <inheritdoc />
    public Task StopWorkloadAsync(CancellationToken cancellationToken = default) => WriteAsync($"WORK:STOP", cancellationToken);

    /// <inheritdoc />
    public async Task<DutEventCounters> ReadCountersAsync(CancellationToken cancellationToken = default) =>
        ParseCounters(await QueryAsync($"COUN:ALL?", cancellationToken));

    private DutEventCounters ParseCounters(string response)
    {
        var fields = response.Split(',');
        if (fields.Length != 5)
        {
            throw new VisaProtocolException(Resource, $"COUN:ALL? answered '{Shorten(response)}', not five counts.");
        }

        var counts = fields.Select(f => (long)ParseNumber(f, "COUN:ALL?")).ToArray();
        return new DutEventCounters(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /// <inheritdoc />
    public Task ClearCountersAsync(CancellationToken cancellationToken = default) => WriteAsync($"COUN:CLE", cancellationToken);

    /// <inheritdoc />
    public async Task<bool> ResetAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await WriteAsync($"SYST:RES", cancellationToken);
            return true;
        }
        catch (ScpiInstrumentException e) when (e.Code is ResetDidNotRecover or NotPowered)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<FunctionalTestResult> RunFunctionalTestAsync(CancellationToken cancellationToken = default) =>
        new((int)await QueryDoubleAsync($"TEST:FUNC?", cancellationToken));

    /// <inheritdoc />
    public Task ApplyRailOverloadAsync(string rail, double ohms, CancellationToken cancellationToken = default) =>
        WriteAsync($"FAUL:LOAD \"{rail}\",{ohms:G9}", cancellationToken);

    /// <inheritdoc />
    public Task ClearRailOverloadsAsync(CancellationToken cancellationToken = default) => WriteAsync($"FAUL:CLE", cancellationToken);

    /// <inheritdoc />
    public Task<double> MeasureThresholdVoltageAsync(CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($"MEAS:VTHR?", cancellationToken);

    /// <inheritdoc />
    public async Task<double> MeasureJunctionTemperatureAsync(CancellationToken cancellationToken = default) =>
        await QueryDoubleAsync($"MEAS:TEMP?", cancellationToken) + ZeroCelsius;

    /// <inheritdoc />
    public Task AcquireLinkAsync(CancellationToken cancellationToken = default) => WriteAsync($"LINK:ACQ", cancellationToken);

    /// <inheritdoc />
    public async Task<OpticalLinkState> GetLinkStateAsync(CancellationToken cancellationToken = default)
    {
        var response = await QueryAsync($"LINK:STAT?", cancellationToken);
        return response.ToUpperInvariant() switch
        {
            "IDLE" => OpticalLinkState.Idle,
            "SEARCH" => OpticalLinkState.Searching,
            "LOCK" => OpticalLinkState.Locked,
            _ => throw new VisaProtocolException(Resource, $"LINK:STAT? answered '{Shorten(response)}'."),
        };
    }

    /// <inheritdoc />
    public async Task<double?> GetLastAcquisitionTimeAsync(CancellationToken cancellationToken = default)
    {
        var seconds = await QueryDoubleAsync($"LINK:ACQ:TIME?", cancellationToken);
        // SCPI-99 NaN (9.91E37, which the VISA layer reads as NaN): no acquisition yet.
        return double.IsNaN(seconds) ? null : seconds;
    }

    /// <inheritdoc />
    public Task<double> MeasureLinkLatencyAsync(CancellationToken cancellationToken = default) =>
        QueryDoubleAsync($"LINK:LAT?", cancellationToken);

    /// <summary>Takes any fault load off the rails and stops the workload; the DUT's power is the supplies' business.</summary>
    public override async Task SafeStateAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync($"FAUL:CLE", cancellationToken);
        await WriteAsync($"WORK:STOP", cancellationToken);
    }
}
