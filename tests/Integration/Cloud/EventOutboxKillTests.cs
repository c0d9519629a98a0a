using System.Text.Json;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// An event and its cloud outbox copy are one write: a writer raising events the daemon's way is
/// killed with SIGKILL again and again, and the file never holds one without the other.
/// </summary>
public sealed class EventOutboxKillTests : IDisposable
{
    // On the disk, as the daemon's store is (see StoreHardKillTests).
    private readonly string _dataDir = RealDiskDirectory.Create("chargenet-event-kill-");

    [Fact]
    public async Task After_each_SIGKILL_every_stored_event_has_its_outbox_message_and_every_outbox_message_its_event()
    {
        var acknowledged = new List<string>();
        int[] killAfterAcks = [150, 250, 350, 450];
        for (var run = 0; run < killAfterAcks.Length; run++)
        {
            await using var writer = ChildProcess.StartDotnet(BuiltArtifacts.StoreKillWriterDll, [_dataDir, "run" + run, "events"]);
            await writer.WaitForLineCountAsync(l => l.StartsWith("ACK ", StringComparison.Ordinal), killAfterAcks[run], TimeSpan.FromSeconds(60));
            writer.KillHard();
            await writer.WaitForExitAsync(TimeSpan.FromSeconds(10));
            acknowledged.AddRange(writer.StandardOutput.Where(l => l.StartsWith("ACK ", StringComparison.Ordinal)).Select(l => l[4..]));

            using var store = LiteEdgeStore.Open(_dataDir);
            var stored = (await store.Events.ListAsync(10_000, 0, CancellationToken.None)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            var queued = (await store.Outbox.PeekAsync(10_000, CancellationToken.None))
                .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("id").GetString()!).ToList();

            // Both or neither, including the write the kill interrupted; and nothing acknowledged is lost.
            Assert.Equal(stored.Order(StringComparer.Ordinal), queued.Order(StringComparer.Ordinal));
            var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
            Assert.True(lost.Count == 0, $"after kill {run + 1}: {lost.Count} acknowledged events are missing");
            Assert.Equal(queued.Count, queued.Distinct(StringComparer.Ordinal).Count());
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
