namespace SpaceTestBench.Visa.Servers;

/// <summary>
/// Finds where a program message ends in a byte stream without END (raw sockets): at LF, except inside a
/// quoted string or an arbitrary block, which may contain LF.
/// </summary>
public static class MessageFramer
{
    /// <summary>
    /// Index of the LF that ends the first complete message in <paramref name="data"/>, or -1 if the message
    /// is not complete yet.
    /// </summary>
    public static int FindMessageEnd(ReadOnlySpan<byte> data)
    {
        var i = 0;
        while (i < data.Length)
        {
            var c = data[i];
            if (c == '\n')
            {
                return i;
            }

            if (c is (byte)'"' or (byte)'\'')
            {
                var close = data[(i + 1)..].IndexOf(c);
                if (close < 0)
                {
                    return -1;
                }

                i += close + 2;
                continue;
            }

            if (c == '#' && i + 1 < data.Length && data[i + 1] is >= (byte)'1' and <= (byte)'9')
            {
                var digits = data[i + 1] - '0';
                if (i + 2 + digits > data.Length)
                {
                    return -1;
                }

                long length = 0;
                for (var k = 0; k < digits; k++)
                {
                    var d = data[i + 2 + k];
                    if (d is < (byte)'0' or > (byte)'9')
                    {
                        length = -1;
                        break;
                    }

                    length = (length * 10) + (d - '0');
                }

                if (length < 0)
                {
                    i++;
                    continue;
                }

                var end = i + 2 + digits + length;
                if (end > data.Length)
                {
                    return -1;
                }

                i = (int)end;
                continue;
            }

            i++;
        }

        return -1;
    }
}
