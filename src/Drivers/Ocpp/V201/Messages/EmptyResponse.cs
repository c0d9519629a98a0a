namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>The answer of the notifications that carry nothing back (StatusNotification, MeterValues, NotifyEvent …).</summary>
public sealed record EmptyResponse;
