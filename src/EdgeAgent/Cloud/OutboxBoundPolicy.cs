namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// What to do with a new message when the outbox is full. Telemetry goes first (the oldest), then
/// the oldest events; sessions are never dropped — a session is admitted even above the bound.
/// </summary>
public static class OutboxBoundPolicy
{
    /// <param name="topic">The new message's topic.</param>
    /// <param name="total">Messages in the outbox now.</param>
    /// <param name="telemetry">Of which telemetry.</param>
    /// <param name="events">Of which events.</param>
    /// <param name="max">The bound.</param>
    public static OutboxAdmission Decide(string topic, int total, int telemetry, int events, int max)
    {
        var over = total + 1 - max;
        if (over <= 0)
        {
            return new OutboxAdmission(true, 0, 0);
        }

        var dropTelemetry = Math.Min(over, telemetry);
        over -= dropTelemetry;
        if (over <= 0)
        {
            return new OutboxAdmission(true, dropTelemetry, 0);
        }

        // No telemetry left to give way: new telemetry is the least valuable message of all.
        if (topic == CloudTopics.Telemetry)
        {
            return new OutboxAdmission(false, dropTelemetry, 0);
        }

        var dropEvents = Math.Min(over, events);
        over -= dropEvents;
        var admit = over <= 0 || topic == CloudTopics.Sessions;
        return new OutboxAdmission(admit, dropTelemetry, admit ? dropEvents : 0, OverBound: admit && over > 0);
    }
}
