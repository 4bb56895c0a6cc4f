namespace SpaceTestBench.Visa.Scpi;

/// <summary>An entry of the SCPI error/event queue: code and text (SCPI-99 Vol. 2 §21.8).</summary>
/// <param name="Code">Negative: standard; positive: device-specific; 0: no error.</param>
/// <param name="Text">Standard text, optionally followed by ";" and device information.</param>
public readonly record struct ScpiError(int Code, string Text)
{
    /// <summary>0,"No error".</summary>
    public static readonly ScpiError NoError = new(0, "No error");

    /// <summary>-100 Command error.</summary>
    public static readonly ScpiError CommandError = new(-100, "Command error");

    /// <summary>-101 Invalid character.</summary>
    public static readonly ScpiError InvalidCharacter = new(-101, "Invalid character");

    /// <summary>-102 Syntax error.</summary>
    public static readonly ScpiError SyntaxError = new(-102, "Syntax error");

    /// <summary>-103 Invalid separator.</summary>
    public static readonly ScpiError InvalidSeparator = new(-103, "Invalid separator");

    /// <summary>-104 Data type error.</summary>
    public static readonly ScpiError DataTypeError = new(-104, "Data type error");

    /// <summary>-108 Parameter not allowed.</summary>
    public static readonly ScpiError ParameterNotAllowed = new(-108, "Parameter not allowed");

    /// <summary>-109 Missing parameter.</summary>
    public static readonly ScpiError MissingParameter = new(-109, "Missing parameter");

    /// <summary>-112 Program mnemonic too long.</summary>
    public static readonly ScpiError MnemonicTooLong = new(-112, "Program mnemonic too long");

    /// <summary>-113 Undefined header.</summary>
    public static readonly ScpiError UndefinedHeader = new(-113, "Undefined header");

    /// <summary>-114 Header suffix out of range.</summary>
    public static readonly ScpiError HeaderSuffixOutOfRange = new(-114, "Header suffix out of range");

    /// <summary>-120 Numeric data error.</summary>
    public static readonly ScpiError NumericDataError = new(-120, "Numeric data error");

    /// <summary>-131 Invalid suffix.</summary>
    public static readonly ScpiError InvalidSuffix = new(-131, "Invalid suffix");

    /// <summary>-141 Invalid character data.</summary>
    public static readonly ScpiError InvalidCharacterData = new(-141, "Invalid character data");

    /// <summary>-151 Invalid string data.</summary>
    public static readonly ScpiError InvalidStringData = new(-151, "Invalid string data");

    /// <summary>-161 Invalid block data.</summary>
    public static readonly ScpiError InvalidBlockData = new(-161, "Invalid block data");

    /// <summary>-200 Execution error.</summary>
    public static readonly ScpiError ExecutionError = new(-200, "Execution error");

    /// <summary>-221 Settings conflict.</summary>
    public static readonly ScpiError SettingsConflict = new(-221, "Settings conflict");

    /// <summary>-222 Data out of range.</summary>
    public static readonly ScpiError DataOutOfRange = new(-222, "Data out of range");

    /// <summary>-224 Illegal parameter value.</summary>
    public static readonly ScpiError IllegalParameterValue = new(-224, "Illegal parameter value");

    /// <summary>-300 Device-specific error.</summary>
    public static readonly ScpiError DeviceSpecificError = new(-300, "Device-specific error");

    /// <summary>-350 Queue overflow.</summary>
    public static readonly ScpiError QueueOverflow = new(-350, "Queue overflow");

    /// <summary>-410 Query INTERRUPTED.</summary>
    public static readonly ScpiError QueryInterrupted = new(-410, "Query INTERRUPTED");

    /// <summary>-420 Query UNTERMINATED.</summary>
    public static readonly ScpiError QueryUnterminated = new(-420, "Query UNTERMINATED");

    /// <summary>The same error with device information appended ("-222,\"Data out of range;VOLT 40\"").</summary>
    public ScpiError WithInfo(string info) => new(Code, $"{Text};{info}");

    /// <summary>The IEEE 488.2 event status register bit this error's class sets (0 for none).</summary>
    public byte EventStatusBit => Code switch
    {
        <= -100 and > -200 => EventStatus.CommandError,
        <= -200 and > -300 => EventStatus.ExecutionError,
        <= -300 and > -400 => EventStatus.DeviceDependentError,
        <= -400 and > -500 => EventStatus.QueryError,
        > 0 => EventStatus.DeviceDependentError,
        _ => 0,
    };

    /// <summary>The response format of SYSTem:ERRor?: <c>code,"text"</c>.</summary>
    public override string ToString() => $"{Code},\"{Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

/// <summary>IEEE 488.2 §11.5.1 standard event status register bits.</summary>
public static class EventStatus
{
    /// <summary>Operation complete.</summary>
    public const byte OperationComplete = 1;

    /// <summary>Query error.</summary>
    public const byte QueryError = 4;

    /// <summary>Device-dependent error.</summary>
    public const byte DeviceDependentError = 8;

    /// <summary>Execution error.</summary>
    public const byte ExecutionError = 16;

    /// <summary>Command error.</summary>
    public const byte CommandError = 32;

    /// <summary>Power on.</summary>
    public const byte PowerOn = 128;
}

/// <summary>Raised by a command handler to put an error on the queue and abandon the command.</summary>
public sealed class ScpiErrorException(ScpiError error) : Exception(error.ToString())
{
    /// <summary>The error to queue.</summary>
    public ScpiError Error { get; } = error;
}
