using System.Buffers;
using System.Text;
using SpaceTestBench.Visa.Servers;

namespace SpaceTestBench.Visa.Tests.Support;

internal static class DeviceSessionExtensions
{
    /// <summary>Executes a program message and returns the response as text ("" for none).</summary>
    public static string Send(this IDeviceSession session, string message) =>
        Encoding.Latin1.GetString(session.Execute(Encoding.ASCII.GetBytes(message)).ToArray());

    /// <summary>Reads the error queue to empty, as "code,text" strings.</summary>
    public static List<string> DrainErrors(this IDeviceSession session)
    {
        var errors = new List<string>();
        while (true)
        {
            var error = session.Send("SYST:ERR?").TrimEnd('\n');
            if (error.StartsWith("0,", StringComparison.Ordinal))
            {
                return errors;
            }

            errors.Add(error);
        }
    }
}
