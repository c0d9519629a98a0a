namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>BootNotificationRequest: the station introduces itself (OCPP 2.0.1, B01).</summary>
public sealed record BootNotificationRequest(ChargingStation ChargingStation, string Reason);

/// <summary>ChargingStationType: who the station says it is.</summary>
public sealed record ChargingStation(string Model, string VendorName, string? SerialNumber = null, string? FirmwareVersion = null);

/// <summary>BootNotificationResponse: Accepted, Pending or Rejected, with the heartbeat (or retry) interval in seconds.</summary>
public sealed record BootNotificationResponse(DateTimeOffset CurrentTime, int Interval, string Status);
