using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// The real store, except that the outbox's delete of acknowledged messages stops dead: the moment
/// after the broker's PUBACK and before the delete, where a crash leaves them queued. The test then
/// "crashes" (<see cref="Crash"/>: the delete fails and never reaches the file) and restarts on the file.
/// </summary>
internal sealed class CrashBeforeDeleteStore(IEdgeStore inner) : IEdgeStore
{
    private readonly FrozenDelete _outbox = new(inner.Outbox);

    /// <summary>Completes when acknowledged messages are about to be deleted.</summary>
    public Task Acknowledged => _outbox.Entered.Task;

    public IRevisionStore Revisions => inner.Revisions;

    public ISessionStore Sessions => inner.Sessions;

    public IEventStore Events => inner.Events;

    public IOutboxStore Outbox => _outbox;

    public ISampleStore Samples => inner.Samples;

    public IAuthorizationListStore AuthorizationList => inner.AuthorizationList;

    public ILoginStore Logins => inner.Logins;

    public IOcppTransactionLedger OcppTransactions => inner.OcppTransactions;

    public Drivers.Ocpp.Ports.IOcppBootStore OcppBoots => inner.OcppBoots;

    public Drivers.Ocpp.Upstream.IOcppUpstreamOutbox OcppUpstream => inner.OcppUpstream;

    public Drivers.Ocpp.Upstream.IOcppUpstreamProfileStore OcppUpstreamProfiles => inner.OcppUpstreamProfiles;

    public ICommandRecordStore CommandRecords => inner.CommandRecords;

    public IManualLimitStore ManualLimits => inner.ManualLimits;

    public IEmergencyStopLatchStore EmergencyStopLatch => inner.EmergencyStopLatch;

    public ISiteSecretStore Secrets => inner.Secrets;

    public ISpotPriceStore SpotPrices => inner.SpotPrices;

    public IPeakStore Peak => inner.Peak;

    /// <summary>The process dies where it stood: the delete never happens.</summary>
    public void Crash() => _outbox.Release.TrySetException(new IOException("the process died between the PUBACK and the delete"));

    public void WriteTogether(Action work) => inner.WriteTogether(work);

    public void WhenWritten(Action action) => inner.WhenWritten(action);

    public Task WhenDurableAsync(CancellationToken cancellationToken) => inner.WhenDurableAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    private sealed class FrozenDelete(IOutboxStore inner) : IOutboxStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<int> RemoveAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task;
            return await inner.RemoveAsync(sequences, cancellationToken);
        }

        public Task<OutboxMessage> EnqueueAsync(string topic, string payload, DateTimeOffset now, CancellationToken cancellationToken) => inner.EnqueueAsync(topic, payload, now, cancellationToken);

        public Task<IReadOnlyList<OutboxMessage>> PeekAsync(int max, CancellationToken cancellationToken) => inner.PeekAsync(max, cancellationToken);

        public Task RemoveAsync(long sequence, CancellationToken cancellationToken) => inner.RemoveAsync(sequence, cancellationToken);

        public Task<int> CountAsync(CancellationToken cancellationToken) => inner.CountAsync(cancellationToken);

        public Task<int> CountAsync(string topic, CancellationToken cancellationToken) => inner.CountAsync(topic, cancellationToken);

        public Task<int> DropOldestAsync(string topic, int keep, CancellationToken cancellationToken) => inner.DropOldestAsync(topic, keep, cancellationToken);

        public Task MoveAsideAsync(OutboxMessage message, string reason, DateTimeOffset now, int keep, CancellationToken cancellationToken) =>
            inner.MoveAsideAsync(message, reason, now, keep, cancellationToken);

        public Task<IReadOnlyList<OutboxDeadLetter>> DeadLettersAsync(int max, CancellationToken cancellationToken) => inner.DeadLettersAsync(max, cancellationToken);
    }
}
