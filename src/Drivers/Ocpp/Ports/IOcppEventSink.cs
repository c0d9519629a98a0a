namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>Receives what the installer and the cloud should hear about (connects, boots, refused keys, rejected limits).</summary>
public interface IOcppEventSink
{
    /// <summary>Records one event; must not throw for a full or failing sink (log instead).</summary>
    Task PublishAsync(OcppEvent ocppEvent, CancellationToken cancellationToken);
}
