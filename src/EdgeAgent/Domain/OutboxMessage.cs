namespace ChargeNet.EdgeAgent.Domain;

/// <summary>A message for the cloud, kept until the broker has acknowledged it.</summary>
/// <param name="Sequence">Its place in the queue; messages go out in this order.</param>
/// <param name="Topic">The topic below <c>chargenet/v1/{siteId}/</c>, e.g. <c>events</c>.</param>
/// <param name="Payload">The JSON payload, UTF-8.</param>
/// <param name="CreatedAt">When it was queued.</param>
public sealed record OutboxMessage(long Sequence, string Topic, string Payload, DateTimeOffset CreatedAt);
