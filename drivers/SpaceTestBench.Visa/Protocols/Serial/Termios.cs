using System.Runtime.InteropServices;

namespace SpaceTestBench.Visa.Protocols.Serial;

/// <summary>
/// The few libc calls a serial line needs on Linux (termios(3), open(2), read(2), write(2)). The termios
/// structure is handled as bytes at its Linux offsets (glibc and musl, x86-64 and AArch64 alike).
/// </summary>
internal static unsafe partial class Termios
{
    public const int Size = 64;
    public const int OpenReadWrite = 0x2;
    public const int OpenNoControllingTerminal = 0x100;
    public const int OpenNonBlocking = 0x800;
    public const int OpenCloseOnExec = 0x80000;
    public const int SetFileStatusFlags = 4;
    public const int Now = 0;
    public const int FlushInput = 0;
    public const int Interrupted = 4;
    public const int TryAgain = 11;

    // struct termios: c_iflag@0, c_oflag@4, c_cflag@8, c_lflag@12, c_line@16, c_cc[32]@17.
    public const int InputFlags = 0;
    public const int ControlFlags = 8;
    public const int ControlCharacters = 17;
    public const int VTime = 5;
    public const int VMin = 6;

    public const uint CharacterSizeMask = 0x30;
    public const uint TwoStopBits = 0x40;
    public const uint EnableReceiver = 0x80;
    public const uint ParityEnable = 0x100;
    public const uint OddParity = 0x200;
    public const uint IgnoreModemLines = 0x800;
    public const uint StickParity = 0x40000000;
    public const uint HardwareFlowControl = 0x80000000;
    public const uint SoftwareFlowOut = 0x400;
    public const uint SoftwareFlowIn = 0x1000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetAttributes(int fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetAttributes(int fd, int when, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void MakeRaw(byte* termios);

    [LibraryImport("libc", EntryPoint = "cfsetspeed", SetLastError = true)]
    public static partial int SetSpeed(byte* termios, uint speed);

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    public static partial int Flush(int fd, int queue);

    /// <summary>The Bnnn constant of a baud rate (Linux termios-baud.h); null if Linux has none.</summary>
    public static uint? SpeedCode(int baud) => baud switch
    {
        50 => 1, 75 => 2, 110 => 3, 134 => 4, 150 => 5, 200 => 6, 300 => 7, 600 => 8, 1200 => 9, 1800 => 10,
        2400 => 11, 4800 => 12, 9600 => 13, 19200 => 14, 38400 => 15, 57600 => 0x1001, 115200 => 0x1002,
        230400 => 0x1003, 460800 => 0x1004, 500000 => 0x1005, 576000 => 0x1006, 921600 => 0x1007,
        1000000 => 0x1008, 1152000 => 0x1009, 1500000 => 0x100A, 2000000 => 0x100B, 2500000 => 0x100C,
        3000000 => 0x100D, 3500000 => 0x100E, 4000000 => 0x100F,
        _ => null,
    };
}
