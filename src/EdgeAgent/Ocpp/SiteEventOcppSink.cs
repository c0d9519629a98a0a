using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Events;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>
/// OCPP's events become site events: stored, logged, and sent to the cloud. Raised on the path of a
/// charger's reply, which does not wait for the event's sync (the reply tells the charger nothing
/// about it); what the reply acknowledges (a transaction, a session) is synced by the store itself.
/// </summary>
public sealed class SiteEventOcppSink : IOcppEventSink
{
    private readonly SiteEventLog _events;

    public SiteEventOcppSink(SiteEventLog events)
    {
        _events = events;
    }

    public Task PublishAsync(OcppEvent ocppEvent, CancellationToken cancellationToken) =>
        _events.RaiseCommittedAsync(ocppEvent.Severity, ocppEvent.ChargePointId, ocppEvent.Code, ocppEvent.Message, cancellationToken);
}
