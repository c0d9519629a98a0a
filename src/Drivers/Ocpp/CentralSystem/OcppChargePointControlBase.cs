using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.Control;
using ChargeNet.Drivers.Ocpp.LocalList;

namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>What every version's <see cref="IChargePointControl"/> reads the same way off the charge point's live state and limit keeper.</summary>
public abstract class OcppChargePointControlBase(OcppChargePoint chargePoint) : IChargePointControl
{
    protected OcppChargePoint ChargePoint { get; } = chargePoint;

    public string Id => ChargePoint.Id;

    public abstract OcppVersion Version { get; }

    public bool IsConnected => ChargePoint.IsConnected;

    public Uri? ReachedAt => ChargePoint.ReachedAt;

    public string? TransactionOn(int connectorId) => ChargePoint.Connectors.FirstOrDefault(c => c.ConnectorId == connectorId)?.TransactionId;

    public Task<SetpointResult> SetCurrentLimitAsync(int connectorId, double limitA, CancellationToken cancellationToken) =>
        ChargePoint.Limits.SetAsync(connectorId, limitA, cancellationToken);

    public abstract Task<ChargerCommandResult> StartTransactionAsync(string idTag, int? connectorId, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> StopTransactionAsync(string transactionId, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> ChangeAvailabilityAsync(int connectorId, bool operative, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> ResetAsync(ChargerResetKind kind, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> UnlockConnectorAsync(int connectorId, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> UpdateFirmwareAsync(Uri location, DateTimeOffset retrieveAt, CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> UploadLogAsync(Uri location, CancellationToken cancellationToken);

    public abstract Task<int?> GetLocalListVersionAsync(CancellationToken cancellationToken);

    public abstract Task<LocalListLimits> ReadLocalListLimitsAsync(CancellationToken cancellationToken);

    public abstract Task<ChargerCommandResult> SendLocalListAsync(LocalListMessage message, CancellationToken cancellationToken);
}
