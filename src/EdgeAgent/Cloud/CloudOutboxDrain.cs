using MQTTnet;
using MQTTnet.Protocol;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Sends the outbox over one connection: oldest first, one at a time so the order holds, each
/// removed only after the broker's PUBACK. Runs until the connection or its token ends.
/// </summary>
public sealed class CloudOutboxDrain(IMqttClient client, CloudOutbox outbox, string siteId)
{
    private const int Batch = 256;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await outbox.PeekAsync(Batch, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                await outbox.WaitQueuedAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var acknowledged = new List<long>(batch.Count);
            try
            {
                await SendAsync(batch, acknowledged, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Acknowledged: now, and only now, they may go — in one write per batch. A kill before
                // this sends them again (at most one batch twice; the ids make that harmless).
                if (acknowledged.Count > 0)
                {
                    await outbox.RemoveAsync(acknowledged, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task SendAsync(IReadOnlyList<Domain.OutboxMessage> batch, List<long> acknowledged, CancellationToken cancellationToken)
    {
        foreach (var message in batch)
        {
            // Telemetry kept from an outage is history, not a promise: QoS 0 like live telemetry.
            var qos = message.Topic == CloudTopics.Telemetry ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce;
            var result = await client.PublishAsync(
                CloudLink.Message(CloudTopics.Of(siteId, message.Topic), message.Payload, qos, retain: false),
                cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException(
                    $"the broker refused outbox message {message.Sequence} on {message.Topic}: {result.ReasonCode} {result.ReasonString}");
            }

            acknowledged.Add(message.Sequence);
        }
    }
}
