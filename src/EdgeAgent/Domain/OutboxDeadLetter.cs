namespace ChargeNet.EdgeAgent.Domain;

/// <summary>An outbox message the broker refused again and again, moved aside so the ones behind it can go.</summary>
/// <param name="Message">The message as it was queued.</param>
/// <param name="MovedAt">When it was moved aside.</param>
/// <param name="Reason">The broker's last refusal (reason code and text).</param>
public sealed record OutboxDeadLetter(OutboxMessage Message, DateTimeOffset MovedAt, string Reason);
