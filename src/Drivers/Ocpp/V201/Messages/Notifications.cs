namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>FirmwareStatusNotificationRequest (OCPP 2.0.1, L01): how an UpdateFirmware goes.</summary>
public sealed record FirmwareStatusNotificationRequest(string Status, int? RequestId = null);

/// <summary>LogStatusNotificationRequest (OCPP 2.0.1, N01): how a GetLog upload goes.</summary>
public sealed record LogStatusNotificationRequest(string Status, int? RequestId = null);

/// <summary>SecurityEventNotificationRequest (OCPP 2.0.1, A04): a security event of the Security events list, with details.</summary>
public sealed record SecurityEventNotificationRequest(string Type, DateTimeOffset Timestamp, string? TechInfo = null);

/// <summary>NotifyEventRequest (OCPP 2.0.1, N07/N08): events of the station's monitors and hard-wired notifications, in parts.</summary>
public sealed record NotifyEventRequest(DateTimeOffset GeneratedAt, int SeqNo, IReadOnlyList<EventData> EventData, bool? Tbc = null);

/// <summary>EventDataType: one event; <c>trigger</c> Alerting (a threshold crossed), Delta (a value changed) or Periodic.</summary>
public sealed record EventData(
    int EventId,
    DateTimeOffset Timestamp,
    string Trigger,
    string ActualValue,
    string EventNotificationType,
    Component Component,
    Variable Variable,
    int? Cause = null,
    string? TechCode = null,
    string? TechInfo = null,
    bool? Cleared = null,
    string? TransactionId = null);
