using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>What a simulated charge point remembers of one connector: the status it last reported and its transaction.</summary>
internal sealed class SimulatedOcppConnector(int connectorId, ISimulatedOutlet outlet)
{
    public int ConnectorId { get; } = connectorId;

    public ISimulatedOutlet Outlet { get; } = outlet;

    public ChargePointStatus? ReportedStatus { get; set; }

    public int? TransactionId { get; set; }

    public DateTimeOffset? TransactionStart { get; set; }

    public string? TransactionIdTag { get; set; }
}
