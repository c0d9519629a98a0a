using System.Text.Json;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The event that announces a dead letter, and how to recognise its own outbox copy.</summary>
public static class OutboxDeadLetters
{
    public const string EventCode = "cloud.outbox.dead-letter";

    public static bool IsAnnouncement(OutboxMessage message)
    {
        if (message.Topic != CloudTopics.Events)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(message.Payload);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String && code.GetString() == EventCode;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
