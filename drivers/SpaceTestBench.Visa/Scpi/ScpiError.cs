namespace SpaceTestBench.Visa.Scpi;

/// <summary>An entry of the SCPI error/event queue: code and text (SCPI-99 Vol. 2 §21.8).</summary>
/// <param name="Code">Negative: standard; positive: device-specific; 0: no error.</param>
/// <param name="Text">Standard text, optionally followed by ";" and device information.</param>
public readonly record struct ScpiError(int Code, string Text)
{
    /// <summary>The longest SYSTem:ERRor? response SCPI-99 allows.</summary>
    public const int MaxResponseLength = 255;

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

    /// <summary>-115 Unexpected number of parameters.</summary>
    public static readonly ScpiError UnexpectedNumberOfParameters = new(-115, "Unexpected number of parameters");

    /// <summary>-120 Numeric data error.</summary>
    public static readonly ScpiError NumericDataError = new(-120, "Numeric data error");

    /// <summary>-121 Invalid character in number.</summary>
    public static readonly ScpiError InvalidCharacterInNumber = new(-121, "Invalid character in number");

    /// <summary>-128 Numeric data not allowed.</summary>
    public static readonly ScpiError NumericDataNotAllowed = new(-128, "Numeric data not allowed");

    /// <summary>-131 Invalid suffix.</summary>
    public static readonly ScpiError InvalidSuffix = new(-131, "Invalid suffix");

    /// <summary>-138 Suffix not allowed.</summary>
    public static readonly ScpiError SuffixNotAllowed = new(-138, "Suffix not allowed");

    /// <summary>-141 Invalid character data.</summary>
    public static readonly ScpiError InvalidCharacterData = new(-141, "Invalid character data");

    /// <summary>-148 Character data not allowed.</summary>
    public static readonly ScpiError CharacterDataNotAllowed = new(-148, "Character data not allowed");

    /// <summary>-151 Invalid string data.</summary>
    public static readonly ScpiError InvalidStringData = new(-151, "Invalid string data");

    /// <summary>-158 String data not allowed.</summary>
    public static readonly ScpiError StringDataNotAllowed = new(-158, "String data not allowed");

    /// <summary>-161 Invalid block data.</summary>
    public static readonly ScpiError InvalidBlockData = new(-161, "Invalid block data");

    /// <summary>-168 Block data not allowed.</summary>
    public static readonly ScpiError BlockDataNotAllowed = new(-168, "Block data not allowed");

    /// <summary>-200 Execution error.</summary>
    public static readonly ScpiError ExecutionError = new(-200, "Execution error");

    /// <summary>-211 Trigger ignored.</summary>
    public static readonly ScpiError TriggerIgnored = new(-211, "Trigger ignored");

    /// <summary>-221 Settings conflict.</summary>
    public static readonly ScpiError SettingsConflict = new(-221, "Settings conflict");

    /// <summary>-222 Data out of range.</summary>
    public static readonly ScpiError DataOutOfRange = new(-222, "Data out of range");

    /// <summary>-223 Too much data.</summary>
    public static readonly ScpiError TooMuchData = new(-223, "Too much data");

    /// <summary>-224 Illegal parameter value.</summary>
    public static readonly ScpiError IllegalParameterValue = new(-224, "Illegal parameter value");

    /// <summary>-300 Device-specific error.</summary>
    public static readonly ScpiError DeviceSpecificError = new(-300, "Device-specific error");

    /// <summary>-310 System error.</summary>
    public static readonly ScpiError SystemError = new(-310, "System error");

    /// <summary>-330 Self-test failed.</summary>
    public static readonly ScpiError SelfTestFailed = new(-330, "Self-test failed");

    /// <summary>-350 Queue overflow.</summary>
    public static readonly ScpiError QueueOverflow = new(-350, "Queue overflow");

    /// <summary>-410 Query INTERRUPTED.</summary>
    public static readonly ScpiError QueryInterrupted = new(-410, "Query INTERRUPTED");

    /// <summary>-420 Query UNTERMINATED.</summary>
    public static readonly ScpiError QueryUnterminated = new(-420, "Query UNTERMINATED");

    /// <summary>-430 Query DEADLOCKED.</summary>
    public static readonly ScpiError QueryDeadlocked = new(-430, "Query DEADLOCKED");

    /// <summary>-440 Query UNTERMINATED after indefinite response.</summary>
    public static readonly ScpiError QueryUnterminatedAfterIndefiniteResponse = new(-440, "Query UNTERMINATED after indefinite response");

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

    /// <summary>
    /// The response format of SYSTem:ERRor?: <c>code,"text"</c>, quotes doubled, at most 255 characters
    /// (SCPI-99 Vol. 2 §21.8.8); longer device information is cut, never the code.
    /// </summary>
    public override string ToString()
    {
        var prefix = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Code},\"");
        var text = Text.Replace("\"", "\"\"", StringComparison.Ordinal);
        var room = MaxResponseLength - prefix.Length - 1;
        if (text.Length > room)
        {
            text = text[..room];
            if (text.Count(c => c == '"') % 2 == 1)
            {
                text = text[..^1];
            }
        }

        return string.Concat(prefix, text, "\"");
    }
}
