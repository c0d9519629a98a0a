using System.Collections.Concurrent;

namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>A thread-safe in-memory <see cref="IOcppEventSink"/> that keeps every event, for tests.</summary>
public sealed class InMemoryOcppEventSink : IOcppEventSink
{
    private readonly ConcurrentQueue<OcppEvent> _events = new();

    public IReadOnlyList<OcppEvent> Events => [.. _events];

    public Task PublishAsync(OcppEvent ocppEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(ocppEvent);
        return Task.CompletedTask;
    }
}
