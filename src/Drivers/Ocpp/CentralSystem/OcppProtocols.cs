using ChargeNet.Drivers.Ocpp.V16;
using ChargeNet.Drivers.Ocpp.V201;
using ChargeNet.Drivers.Ocpp.Validation;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>The OCPP versions the central system speaks, each with its schemas loaded once.</summary>
public sealed class OcppProtocols
{
    private readonly IReadOnlyList<IOcppProtocol> _all;

    public OcppProtocols(IReadOnlyList<IOcppProtocol> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        _all = all;
    }

    /// <summary>Every version, in the edge's order of preference.</summary>
    public IReadOnlyList<IOcppProtocol> All => _all;

    /// <summary>Loads the schemas of every version the edge speaks.</summary>
    public static async Task<OcppProtocols> LoadAsync(CancellationToken cancellationToken) => new(
    [
        new Ocpp16Protocol(await OcppSchemaValidator.LoadAsync(OcppVersion.V16, cancellationToken).ConfigureAwait(false)),
        new Ocpp201Protocol(await OcppSchemaValidator.LoadAsync(OcppVersion.V201, cancellationToken).ConfigureAwait(false)),
    ]);

    public IOcppProtocol? Find(OcppVersion version) => _all.FirstOrDefault(p => p.Version == version);

    public IOcppProtocol For(OcppVersion version) =>
        Find(version) ?? throw new InvalidOperationException($"OCPP {OcppSubProtocol.Of(version)} is not spoken by this central system.");

    public IOcppProtocol? FindBySubProtocol(string subProtocol) =>
        _all.FirstOrDefault(p => string.Equals(p.SubProtocol, subProtocol, StringComparison.OrdinalIgnoreCase));
}
