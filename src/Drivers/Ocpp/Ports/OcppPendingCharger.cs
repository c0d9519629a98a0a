namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>A charge point the configuration does not list that was admitted as pending.</summary>
/// <param name="ChargePointId">Its id.</param>
/// <param name="SeenAt">When it connected or booted.</param>
/// <param name="Vendor">From its BootNotification, when it sent one.</param>
/// <param name="Model">From its BootNotification, when it sent one.</param>
/// <param name="SerialNumber">From its BootNotification, when it sent one.</param>
public sealed record OcppPendingCharger(string ChargePointId, DateTimeOffset SeenAt, string? Vendor, string? Model, string? SerialNumber)
{
    /// <summary>The OCPP version it connected with, as the configuration names it (<c>ocpp1.6</c>, <c>ocpp2.0.1</c>): adopting it proposes that protocol.</summary>
    public string? Protocol { get; init; }
}
