using System.Net.Sockets;
using System.Text;
using Gherkin.CucumberMessages;
using SpaceTestBench.Bench;
using SpaceTestBench.Bench.Definitions;
using SpaceTestBench.Bench.Duts;
using SpaceTestBench.Gherkin.Parsing;
using SpaceTestBench.Instruments.Roles;
using SpaceTestBench.Visa;
using SpaceTestBench.Visa.Resources;
using SpaceTestBench.Visa.Scpi;
using SpaceTestBench.Testing;

namespace SpaceTestBench.Steps.Tests;

/// <summary>
/// Seeded, bounded fuzzing of every parser bad input reaches: feature text, SCPI responses, resource
/// strings, and VXI-11 and HiSLIP frames (sent over the wire to simulators served on those protocols).
/// Each input either parses or fails with the parser's own clear error: no other exception, no hang, and a
/// server that was sent garbage still serves the next client.
/// </summary>
public sealed class ParserFuzzTests
{
    private const int Rounds = 400;

    [Test]
    public void Mutated_resource_strings_parse_or_fail_with_a_resource_error()
    {
        string[] seeds = ["TCPIP0::192.168.10.21::5025::SOCKET", "TCPIP::10.0.0.5::inst0::INSTR", "TCPIP0::host::hislip0::INSTR", "ASRL/dev/ttyUSB0::INSTR", "GPIB0::12::INSTR"];
        var random = new Random(8);
        for (var i = 0; i < Rounds * 5; i++)
        {
            var text = Mutate(seeds[random.Next(seeds.Length)], random);
            try
            {
                ResourceName.Parse(text);
            }
            catch (ResourceNameException e)
            {
                Assert.That(e.Message, Is.Not.Empty, text);
            }
        }
    }

    [Test]
    public void Mutated_SCPI_responses_parse_to_what_they_say_or_fail_naming_the_resource_and_the_answer()
    {
        string[] seeds = ["0,\"No error\"", "-310,\"System error\"", "Keysight Technologies,E36312A,MY61000101,1.0.4-1.0.0", "1.800000E+00"];
        var random = new Random(9);
        int errorsParsed = 0, errorsRefused = 0, identitiesParsed = 0, identitiesRefused = 0;
        for (var i = 0; i < Rounds * 5; i++)
        {
            var text = Mutate(seeds[random.Next(seeds.Length)], random);
            try
            {
                var (code, message) = ScpiSessionExtensions.ParseError("TCPIP0::fuzz::5025::SOCKET", text);

                // A parsed error says what the instrument sent: its code is the number before the first comma,
                // its text what follows (unquoted), never something made up.
                var comma = text.IndexOf(',', StringComparison.Ordinal);
                Assert.That(code, Is.EqualTo(int.Parse((comma < 0 ? text : text[..comma]).Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture)), text);
                var rest = comma < 0 ? "" : text[(comma + 1)..];
                Assert.That(rest.Contains(message, StringComparison.Ordinal) || rest.Replace("\"\"", "\"", StringComparison.Ordinal).Contains(message, StringComparison.Ordinal), Is.True, text);
                errorsParsed++;
            }
            catch (VisaProtocolException e)
            {
                Assert.That(e.Message, Does.Contain("TCPIP0::fuzz::5025::SOCKET").And.Contain("SYST:ERR? answered"), text);
                errorsRefused++;
            }

            try
            {
                var identity = InstrumentIdentity.Parse(text);

                // Four fields exactly, each what the response held there: the identity round-trips.
                Assert.That(identity.ToResponse(), Is.EqualTo(string.Join(",", text.Trim().Split(',').Select(f => f.Trim()))), text);
                identitiesParsed++;
            }
            catch (FormatException e)
            {
                Assert.That(text.Trim().Split(',').Length, Is.Not.EqualTo(4), $"only a response without four fields is refused: {text}");
                Assert.That(e.Message, Does.Contain("*IDN? response").And.Contain("four fields"), text);
                identitiesRefused++;
            }
        }

        TestContext.Out.WriteLine($"SYST:ERR? answers parsed {errorsParsed}, refused {errorsRefused}; *IDN? answers parsed {identitiesParsed}, refused {identitiesRefused}");
        Assert.That(new[] { errorsParsed, errorsRefused, identitiesParsed, identitiesRefused }, Is.All.GreaterThan(0), "the mutations reach both outcomes of both parsers");
    }

    [Test]
    public void Mutated_feature_text_parses_or_fails_with_a_located_Gherkin_error()
    {
        var seed = File.ReadAllText(TestRepository.Path("features/power/power-on.feature"));
        var random = new Random(10);
        var ids = new IncrementingIdGenerator();
        for (var i = 0; i < Rounds; i++)
        {
            var text = Mutate(seed, random, edits: 1 + random.Next(6));
            try
            {
                FeatureSource.Parse(text, "fuzz.feature", "fuzz.feature", ids);
            }
            catch (GherkinParseException e)
            {
                Assert.That(e.Message, Does.Contain("fuzz.feature"), "the error names the file");
            }
        }
    }

    [TestCase("hislip", 4880)]
    [TestCase("vxi11", 111)]
    public async Task Garbage_frames_to_a_simulator_are_refused_and_it_still_serves_the_next_client(string protocol, int wellKnownPort)
    {
        // A free loopback port for the HiSLIP server or the VXI-11 portmapper (the well-known one needs root).
        var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Assert.That(port, Is.Not.EqualTo(wellKnownPort));
        var file = Path.Combine(TestRepository.ScratchFolder("fuzz"), $"{protocol}.bench.json");
        var dut = System.Text.Json.JsonSerializer.Serialize(TestRepository.Path("fixtures/duts/rad-hard-soc.json"));
        await File.WriteAllTextAsync(file, $$"""
            { "name": "fuzz", "dut": {{dut}},
              "instruments": { "psu1": { "model": "Keysight E36312A", "resource": "simulated", "protocol": "{{protocol}}", "port": {{port}} } },
              "roles": { "DUT supply": { "instrument": "psu1", "channel": 1, "rail": "core" } } }
            """);
        var definition = BenchDefinitionLoader.Load(file);
        await using var bench = await BenchSession.OpenAsync(definition, DutProfileLoader.Load(definition.DefaultDutFile!));
        var resource = ResourceName.Parse(bench.Instruments.Single().Resource);
        var random = new Random(protocol.Length);
        var wall = TimeProvider.System;
        for (var i = 0; i < 60; i++)
        {
            using var client = new TcpClient();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10), wall);
            await client.ConnectAsync(resource.Host!, port, deadline.Token);
            var frame = Frame(protocol, random);
            var stream = client.GetStream();
            try
            {
                await stream.WriteAsync(frame, deadline.Token);
                using var answer = new CancellationTokenSource(TimeSpan.FromMilliseconds(200), wall);
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer, answer.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // No answer, or the server closed the connection: both are a refusal.
            }
        }

        var supply = bench.Role<IDcPowerSupply>(BenchRoles.DutSupply);
        Assert.That(await supply.Instrument.MeasureVoltageAsync(supply.Channel), Is.EqualTo(0).Within(0.01), "the server still serves a proper client");
    }

    /// <summary>Random frames shaped like the protocol's (so they get past the first byte) with random contents.</summary>
    private static byte[] Frame(string protocol, Random random)
    {
        var body = new byte[random.Next(0, 64)];
        random.NextBytes(body);
        if (protocol == "hislip")
        {
            // IVI-6.1 §3.1: "HS", type, control code, 4-byte parameter, 8-byte length, payload.
            var header = new byte[16];
            random.NextBytes(header);
            header[0] = (byte)'H';
            header[1] = (byte)'S';
            header[2] = (byte)random.Next(0, 30);
            return random.Next(3) == 0 ? header : [.. header, .. body];
        }

        // ONC RPC over TCP (RFC 5531 §11): a record mark with the last-fragment bit, then the record.
        var length = random.Next(3) == 0 ? (uint)random.Next() : (uint)body.Length;
        var mark = BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(0x8000_0000u | (length & 0x7FFF_FFFF)));
        return [.. mark, .. body];
    }

    /// <summary>Up to <paramref name="edits"/> random insertions, deletions, replacements and duplications.</summary>
    private static string Mutate(string seed, Random random, int edits = 3)
    {
        var text = new StringBuilder(seed);
        const string alphabet = ":;,\"'@#|\\/\n\t 0123456789.-+eE*?()[]{}<>::SOCKETINSTRhislipµ°€\u0000\uFFFD";
        for (var e = 0; e < 1 + random.Next(edits); e++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0:
                    text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 1 when text.Length > 0:
                    text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(4)));
                    break;
                case 2 when text.Length > 0:
                    text[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                default:
                    var length = Math.Min(text.Length - at, random.Next(8));
                    text.Insert(at, text.ToString(at, length));
                    break;
            }
        }

        return text.ToString();
    }
}
