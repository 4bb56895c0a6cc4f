namespace SpaceTestBench.Visa.Protocols.OncRpc;

/// <summary>A reusable receive buffer for whole records.</summary>
internal sealed class RecordBuffer
{
    private byte[] _data = new byte[4096];

    public byte[] Data => _data;

    public byte[] Reserve(int length)
    {
        if (length > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(length, _data.Length * 2));
        }

        return _data;
    }
}
