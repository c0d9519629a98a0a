namespace ChargeNet.Drivers.Devices;

/// <summary>
/// A charger that can be asked to report a connector's meter values now, between its own reports (OCPP TriggerMessage
/// MeterValues: 1.6 section 5.17, 2.0.1 use case F06). The control loop asks one whose last report is older than its car's
/// answer to a new limit, so the load nobody controls is not estimated on a draw up to a minute old
/// (docs/control-loop.md, "Asking for a report").
/// </summary>
public interface IHasReportRequest
{
    /// <summary>True when the charger said it will send them (Accepted); false when it refused, does not know the message, or is not connected.</summary>
    Task<bool> RequestMeterValuesAsync(int connectorId, CancellationToken cancellationToken);
}
