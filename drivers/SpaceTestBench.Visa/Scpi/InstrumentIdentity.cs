namespace SpaceTestBench.Visa.Scpi;

/// <summary>The four fields of an IEEE 488.2 <c>*IDN?</c> response (§10.14).</summary>
public sealed record InstrumentIdentity(string Manufacturer, string Model, string SerialNumber, string Firmware)
{
    /// <summary>Parses "maker,model,serial,firmware"; throws <see cref="FormatException"/> quoting the response otherwise.</summary>
    public static InstrumentIdentity Parse(string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var fields = response.Trim().Split(',');
        return fields.Length == 4
            ? new InstrumentIdentity(fields[0].Trim(), fields[1].Trim(), fields[2].Trim(), fields[3].Trim())
            : throw new FormatException($"*IDN? response '{response.Trim()}' does not have the four fields manufacturer,model,serial,firmware.");
    }

    /// <summary>The *IDN? response text.</summary>
    public string ToResponse() => $"{Manufacturer},{Model},{SerialNumber},{Firmware}";

    /// <summary>"Keysight E36312A (serial MY1234)".</summary>
    public override string ToString() => $"{Manufacturer} {Model} (serial {SerialNumber})";
}
