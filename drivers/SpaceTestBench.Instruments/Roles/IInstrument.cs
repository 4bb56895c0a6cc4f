using SpaceTestBench.Visa.Scpi;

namespace SpaceTestBench.Instruments.Roles;

/// <summary>
/// An instrument driver: a resource with an explicit open (identify, check the model, clear errors) and a
/// safe state. Drivers are thin, typed maps from role operations to the model's commands.
/// </summary>
public interface IInstrument : IAsyncDisposable
{
    /// <summary>The model this driver speaks to ("Keysight E36312A").</summary>
    string Model { get; }

    /// <summary>The resource string it was opened on.</summary>
    string Resource { get; }

    /// <summary>What the instrument said it is (after <see cref="OpenAsync"/>).</summary>
    InstrumentIdentity? Identity { get; }

    /// <summary>Identifies the instrument, checks it is the expected model, and clears its status.</summary>
    Task OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Puts the instrument in its safe state (outputs off, shutter closed, chamber to ambient).</summary>
    Task SafeStateAsync(CancellationToken cancellationToken = default);
}
