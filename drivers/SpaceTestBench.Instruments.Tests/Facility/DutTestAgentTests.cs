using SpaceTestBench.Instruments.Facility;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Instruments.Tests.Facility;

public sealed class DutTestAgentTests
{
    private const string NoError = "0,\"No error\"";

    [Test]
    public async Task Identity_and_status_are_parsed()
    {
        var session = new TranscriptSession(
            ("DUT:IDEN?;:SYST:ERR?", "\"rh-soc-1\",\"RH-SoC-1 radiation-hardened system-on-chip\",\"RH1-0042\";" + NoError),
            ("DUT:STAT?;:SYST:ERR?", "HUNG;" + NoError));
        var agent = new DutTestAgent(session);

        var identity = await agent.IdentifyDutAsync();
        var status = await agent.GetStatusAsync();

        Assert.That(identity, Is.EqualTo(new DutIdentity("rh-soc-1", "RH-SoC-1 radiation-hardened system-on-chip", "RH1-0042")));
        Assert.That(status, Is.EqualTo(DutStatus.Hung));
        session.AssertComplete();
    }

    [Test]
    public async Task Counters_and_status_are_read_in_one_message()
    {
        var session = new TranscriptSession(
            ("COUN:ALL?;:DUT:STAT?;:SYST:ERR?", "12,1,40000,3,2;HUNG;" + NoError),
            ("COUN:ALL?;:DUT:STAT?;:SYST:ERR?", "12,1;" + NoError));
        var agent = new DutTestAgent(session);

        var (counters, status) = await agent.ReadCountersAndStatusAsync();

        Assert.That(counters, Is.EqualTo(new DutEventCounters(12, 1, 40000, 3, 2)));
        Assert.That(status, Is.EqualTo(DutStatus.Hung));
        Assert.ThrowsAsync<SpaceTestBench.Visa.VisaProtocolException>(() => agent.ReadCountersAndStatusAsync(), "one response unit where two were asked");
        session.AssertComplete();
    }

    [Test]
    public async Task Workloads_counters_and_reset_are_pinned()
    {
        var session = new TranscriptSession(
            ("WORK:STAR INF;:SYST:ERR?", NoError),
            ("WORK:STAR MEMT;:SYST:ERR?", NoError),
            ("COUN:ALL?;:SYST:ERR?", "12,1,40000,3,2;" + NoError),
            ("COUN:CLE;:SYST:ERR?", NoError),
            ("SYST:RES;:SYST:ERR?", NoError),
            ("WORK:STOP;:SYST:ERR?", NoError));
        var agent = new DutTestAgent(session);

        await agent.StartWorkloadAsync(DutWorkload.Inference);
        await agent.StartWorkloadAsync(DutWorkload.MemoryTest);
        var counters = await agent.ReadCountersAsync();
        await agent.ClearCountersAsync();
        var recovered = await agent.ResetAsync();
        await agent.StopWorkloadAsync();

        Assert.That(recovered, Is.True);
        Assert.That(counters, Is.EqualTo(new DutEventCounters(12, 1, 40000, 3, 2)));
        session.AssertComplete();
    }

    [Test]
    public async Task The_fault_load_is_switched_across_a_named_rail_and_the_safe_state_takes_it_off()
    {
        var session = new TranscriptSession(
            ("FAUL:LOAD \"core\",0.1;:SYST:ERR?", NoError),
            ("FAUL:CLE;:SYST:ERR?", NoError),
            ("FAUL:CLE;:SYST:ERR?", NoError),
            ("WORK:STOP;:SYST:ERR?", NoError));
        var agent = new DutTestAgent(session);

        await agent.ApplyRailOverloadAsync("core", 0.1);
        await agent.ClearRailOverloadsAsync();
        await agent.SafeStateAsync();

        session.AssertComplete();
    }

    [Test]
    public void A_DUT_that_is_off_is_reported_by_the_agents_error()
    {
        var session = new TranscriptSession(
            ("WORK:STAR INF;:SYST:ERR?", "201,\"DUT not powered\""), ("SYST:ERR?", NoError));

        var error = Assert.ThrowsAsync<ScpiInstrumentException>(() => new DutTestAgent(session).StartWorkloadAsync(DutWorkload.Inference));

        Assert.That(error!.Code, Is.EqualTo(201));
        Assert.That(error.Text, Is.EqualTo("DUT not powered"));
    }

    [Test]
    public async Task A_soft_reset_that_leaves_the_DUT_hung_returns_false_rather_than_failing()
    {
        var session = new TranscriptSession(
            ("SYST:RES;:SYST:ERR?", "202,\"DUT hung;soft reset did not recover the DUT; power-cycle it\""), ("SYST:ERR?", NoError),
            ("SYST:RES;:SYST:ERR?", "201,\"DUT not powered\""), ("SYST:ERR?", NoError),
            ("SYST:RES;:SYST:ERR?", "-113,\"Undefined header\""), ("SYST:ERR?", NoError));
        var agent = new DutTestAgent(session);

        var hung = await agent.ResetAsync();
        var unpowered = await agent.ResetAsync();
        var other = Assert.ThrowsAsync<ScpiInstrumentException>(() => agent.ResetAsync());

        Assert.That(hung, Is.False, "202: the DUT needs a power cycle");
        Assert.That(unpowered, Is.False, "201: the DUT needs its power back");
        Assert.That(other!.Code, Is.EqualTo(-113), "any other error is still an error");
        session.AssertComplete();
    }

    [Test]
    public async Task Monitors_functional_test_and_link_are_pinned()
    {
        var session = new TranscriptSession(
            ("TEST:FUNC?;:SYST:ERR?", "0;" + NoError),
            ("MEAS:VTHR?;:SYST:ERR?", "+4.47000000E-01;" + NoError),
            ("MEAS:TEMP?;:SYST:ERR?", "+3.10000000E+01;" + NoError),
            ("LINK:ACQ;:SYST:ERR?", NoError),
            ("LINK:STAT?;:SYST:ERR?", "LOCK;" + NoError),
            ("LINK:ACQ:TIME?;:SYST:ERR?", "+4.00000000E+00;" + NoError),
            ("LINK:ACQ:TIME?;:SYST:ERR?", "9.91E+37;" + NoError),
            ("LINK:LAT?;:SYST:ERR?", "+1.35925000E-01;" + NoError));
        var agent = new DutTestAgent(session);

        var test = await agent.RunFunctionalTestAsync();
        var threshold = await agent.MeasureThresholdVoltageAsync();
        var junction = await agent.MeasureJunctionTemperatureAsync();
        await agent.AcquireLinkAsync();
        var link = await agent.GetLinkStateAsync();
        var acquisition = await agent.GetLastAcquisitionTimeAsync();
        var never = await agent.GetLastAcquisitionTimeAsync();
        var latency = await agent.MeasureLinkLatencyAsync();

        Assert.That(test.Passed, Is.True);
        Assert.That(threshold, Is.EqualTo(0.447));
        Assert.That(junction, Is.EqualTo(304.15).Within(1e-9));
        Assert.That(link, Is.EqualTo(OpticalLinkState.Locked));
        Assert.That(acquisition, Is.EqualTo(4));
        Assert.That(never, Is.Null, "SCPI NaN means no acquisition yet");
        Assert.That(latency, Is.EqualTo(0.135925));
        session.AssertComplete();
    }
}
