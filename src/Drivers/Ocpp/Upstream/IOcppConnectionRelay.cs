using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Rpc;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// Put by the host between a charger's connection and the edge's own handling of its calls, to
/// relay them to an upstream central system (docs/upstream.md). Asked once per charger connection.
/// </summary>
public interface IOcppConnectionRelay
{
    /// <summary>The handler for this connection's calls: <paramref name="local"/> itself when the charger is not relayed.</summary>
    IOcppCallHandler Attach(OcppChargePoint chargePoint, IOcppProtocol protocol, IOcppCallHandler local);

    /// <summary>The connection that <paramref name="attached"/> served has ended.</summary>
    Task DetachAsync(OcppChargePoint chargePoint, IOcppCallHandler attached);

    /// <summary>The upstream's limit on a connector over [start, start + duration) as periods (offset, amperes); null when it set none.</summary>
    IReadOnlyList<(TimeSpan Offset, double LimitA)>? UpstreamCapA(string chargePointId, int connectorId, DateTimeOffset start, TimeSpan duration);
}
