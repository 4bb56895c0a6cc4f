namespace SpaceTestBench.Visa.Sessions;

/// <summary>Byte order of binary block elements (SCPI-99 <c>FORMat:BORDer</c>).</summary>
public enum ByteOrder
{
    /// <summary>Most significant byte first: IEEE 488.2 and SCPI <c>NORMal</c>, the instruments' default.</summary>
    BigEndian,

    /// <summary>Least significant byte first: SCPI <c>SWAPped</c>.</summary>
    LittleEndian,
}
