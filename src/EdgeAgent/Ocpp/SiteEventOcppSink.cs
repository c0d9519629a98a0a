using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Events;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>OCPP's events become site events: stored, logged, and sent to the cloud.</summary>
public sealed class SiteEventOcppSink : IOcppEventSink
{
    private readonly SiteEventLog _events;

    public SiteEventOcppSink(SiteEventLog events)
    {
        _events = events;
    }

    public Task PublishAsync(OcppEvent ocppEvent, CancellationToken cancellationToken) =>
        _events.RaiseAsync(ocppEvent.Severity, ocppEvent.ChargePointId, ocppEvent.Code, ocppEvent.Message, cancellationToken);
}
