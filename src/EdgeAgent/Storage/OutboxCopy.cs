namespace ChargeNet.EdgeAgent.Storage;

/// <summary>A record's copy for the cloud outbox, written by the same store call as the record.</summary>
/// <param name="Topic">The topic below <c>chargenet/v1/{siteId}/</c>, e.g. <c>sessions</c>.</param>
/// <param name="Payload">The JSON payload, UTF-8.</param>
/// <param name="QueuedAt">When it is queued.</param>
public sealed record OutboxCopy(string Topic, string Payload, DateTimeOffset QueuedAt);
