using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.Integration.Tests.Foundation;

/// <summary>
/// Crash safety of the store on a real disk: a writer process is killed with SIGKILL in the middle
/// of a stream of writes, and every write it had been told was done must be in the file afterwards,
/// readable and in order. A SIGKILL keeps the kernel's page cache, so this proves that each
/// acknowledged write had reached the kernel and that the files reopen whole; that the fsync comes
/// before each acknowledgement, which a power cut needs, is proved by StoreDurabilityTests.
/// </summary>
public sealed class StoreHardKillTests : IDisposable
{
    private readonly string _dataDir = RealDiskDirectory.Create("chargenet-kill-");

    [Fact]
    public async Task Every_acknowledged_write_survives_a_SIGKILL_of_the_writer()
    {
        // Three kills at different depths of the stream, on the same file: each run also starts
        // on a file that the previous kill left behind.
        int[] killAfterAcks = [200, 300, 400];
        var acknowledged = new List<string>();
        for (var run = 0; run < killAfterAcks.Length; run++)
        {
            var label = "run" + run;
            await using var writer = ChildProcess.StartDotnet(BuiltArtifacts.StoreKillWriterDll, [_dataDir, label]);
            await writer.WaitForLineCountAsync(l => l.StartsWith("ACK ", StringComparison.Ordinal), killAfterAcks[run], TimeSpan.FromSeconds(90));
            writer.KillHard();
            await writer.WaitForExitAsync(TimeSpan.FromSeconds(10));

            // Only what was printed before the kill counts: the process may have written more
            // after the line we waited for, which may or may not be there.
            var acks = writer.StandardOutput.Where(l => l.StartsWith("ACK ", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
            Assert.True(acks.Count >= killAfterAcks[run], writer.Transcript);
            acknowledged.AddRange(acks);

            using var store = LiteEdgeStore.Open(_dataDir);
            var events = await store.Events.ListAsync(10_000, 0, CancellationToken.None);
            var eventIds = events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            var missingEvents = acknowledged.Where(id => !eventIds.Contains(id)).ToList();
            Assert.True(missingEvents.Count == 0, $"after kill {run + 1}: {missingEvents.Count} acknowledged events are missing, e.g. {string.Join(", ", missingEvents.Take(5))}");

            var queued = await store.Outbox.PeekAsync(10_000, CancellationToken.None);
            var outboxIds = queued.Select(m => m.Payload).ToHashSet(StringComparer.Ordinal);
            var missingMessages = acknowledged.Where(id => !outboxIds.Contains("{\"id\":\"" + id + "\"}")).ToList();
            Assert.True(missingMessages.Count == 0, $"after kill {run + 1}: {missingMessages.Count} acknowledged outbox messages are missing, e.g. {string.Join(", ", missingMessages.Take(5))}");

            // Nothing corrupt: each event reads back whole, and the outbox is still in write order.
            Assert.All(events, e => Assert.Equal("write " + e.Id, e.Message));
            Assert.Equal(queued.OrderBy(m => m.Sequence).Select(m => m.Sequence), queued.Select(m => m.Sequence));
            var runOrder = queued.Select(m => m.Payload).Where(p => p.Contains(label + "-", StringComparison.Ordinal))
                .Select(p => int.Parse(p[(p.LastIndexOf('-') + 1)..^2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(runOrder.Order(), runOrder);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
