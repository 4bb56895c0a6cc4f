namespace SpaceTestBench.Visa.Scpi;

/// <summary>A response message unit: text (NR1/NR2/NR3, character or string data) or a definite length block.</summary>
public readonly struct ScpiResponse : IEquatable<ScpiResponse>
{
    private ScpiResponse(string? text, ReadOnlyMemory<byte> block)
    {
        Text = text;
        Block = block;
    }

    /// <summary>Text element (NR1/NR2/NR3, character or string data).</summary>
    public string? Text { get; }

    /// <summary>Definite length arbitrary block element (sent without copying).</summary>
    public ReadOnlyMemory<byte> Block { get; }

    /// <summary>A text response.</summary>
    public static ScpiResponse FromText(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), default);

    /// <summary>A definite length block response (IEEE 488.2 §8.7.9). The memory must stay unchanged until sent.</summary>
    public static ScpiResponse FromBlock(ReadOnlyMemory<byte> data) => new(null, data);

    /// <summary>A text response.</summary>
    public static implicit operator ScpiResponse(string text) => FromText(text);

    /// <inheritdoc />
    public bool Equals(ScpiResponse other) => Text == other.Text && Block.Equals(other.Block);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ScpiResponse other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Text, Block);

    /// <summary>Equality of text, or of the same block memory.</summary>
    public static bool operator ==(ScpiResponse left, ScpiResponse right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(ScpiResponse left, ScpiResponse right) => !left.Equals(right);
}
