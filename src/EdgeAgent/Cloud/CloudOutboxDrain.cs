using ChargeNet.EdgeAgent.Domain;
using MQTTnet;
using MQTTnet.Protocol;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// Sends the outbox over one connection, oldest first. Up to <c>window</c> publishes are on the wire
/// at once (MQTTnet writes them in the order they are started, and the broker keeps a client's order),
/// and their PUBACKs are taken in that same order: a message is removed only when it and every
/// message before it were acknowledged — in one write per batch. Runs until the connection or its token ends.
/// </summary>
public sealed class CloudOutboxDrain(IMqttClient client, CloudOutbox outbox, string siteId, int window)
{
    private const int Batch = 256;

    /// <summary>The in-flight window for a broker: its MQTT 5 Receive Maximum, at most 64; 16 when it names none (3.1.1).</summary>
    public static int WindowFor(ushort? receiveMaximum) => receiveMaximum is > 0 and var max ? Math.Min((int)max, 64) : 16;

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
                // Acknowledged: now, and only now, they may go. A kill before this sends them again
                // (at most one batch twice; the ids make that harmless).
                if (acknowledged.Count > 0)
                {
                    await outbox.RemoveAsync(acknowledged, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task SendAsync(IReadOnlyList<OutboxMessage> batch, List<long> acknowledged, CancellationToken cancellationToken)
    {
        var inFlight = new Queue<(OutboxMessage Message, Task<MqttClientPublishResult> Ack)>(window);
        try
        {
            foreach (var message in batch)
            {
                if (inFlight.Count >= Math.Max(1, window))
                {
                    await AwaitOldestAsync(inFlight, acknowledged).ConfigureAwait(false);
                }

                inFlight.Enqueue((message, Publish(message, cancellationToken)));
            }

            while (inFlight.Count > 0)
            {
                await AwaitOldestAsync(inFlight, acknowledged).ConfigureAwait(false);
            }
        }
        finally
        {
            // After a failure the later ones are not counted, even if the broker took them: they go
            // again with the rest, in order. Their outcome is observed so no task fails unobserved.
            foreach (var (_, ack) in inFlight)
            {
                await ((Task)ack).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private Task<MqttClientPublishResult> Publish(OutboxMessage message, CancellationToken cancellationToken)
    {
        // Telemetry kept from an outage is history, not a promise: QoS 0 like live telemetry.
        var qos = message.Topic == CloudTopics.Telemetry ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce;
        return client.PublishAsync(CloudLink.Message(CloudTopics.Of(siteId, message.Topic), message.Payload, qos, retain: false), cancellationToken);
    }

    private async Task AwaitOldestAsync(Queue<(OutboxMessage Message, Task<MqttClientPublishResult> Ack)> inFlight, List<long> acknowledged)
    {
        var (message, ack) = inFlight.Peek();
        var result = await ack.ConfigureAwait(false);
        inFlight.Dequeue();
        if (!result.IsSuccess)
        {
            var reason = $"{result.ReasonCode} {result.ReasonString}".TrimEnd();
            if (await outbox.RefusedAsync(message, reason, CancellationToken.None).ConfigureAwait(false))
            {
                return; // Moved aside: the ones behind it go on.
            }

            throw new InvalidOperationException($"the broker refused outbox message {message.Sequence} on {message.Topic}: {reason}");
        }

        acknowledged.Add(message.Sequence);
    }
}
