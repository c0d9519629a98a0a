using System.Globalization;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// The writer that the hard-kill durability tests (tests/Integration) kill with SIGKILL.
// It appends to the store in a loop and prints "ACK <label>-<n>" only after write n has returned, which
// the store does once the write is fsynced: every ACK it printed is a promise the store must keep after
// the kill (and after a power cut, which a kill cannot show: see StoreDurabilityTests).
// With "events" as third argument it raises site events the daemon's way: each event and its cloud
// outbox copy are written in one store transaction (SiteEventLog, CloudOutbox, CloudOutboxFeeder).
if (args.Length is < 2 or > 3 || (args.Length == 3 && args[2] != "events"))
{
    await Console.Error.WriteLineAsync("usage: StoreKillWriter <data directory> <run label> [events]");
    return 2;
}

var label = args[1];

using var store = LiteEdgeStore.Open(args[0]);
var stdout = Console.Out;
if (args.Length == 3)
{
    var events = new SiteEventLog(store, TimeProvider.System, NullLogger<SiteEventLog>.Instance);
    using var outbox = new CloudOutbox(store, events, Options.Create(new CloudSyncOptions()), TimeProvider.System, NullLogger<CloudOutbox>.Instance);
    using var feeder = new CloudOutboxFeeder(outbox, events, NullLogger<CloudOutboxFeeder>.Instance);
    for (var n = 1; ; n++)
    {
        var raised = await events.RaiseAsync(EventSeverities.Info, "kill-test", "test.write", label + "-" + n.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        await stdout.WriteLineAsync("ACK " + raised.Id);
        await stdout.FlushAsync();
    }
}

for (var n = 1; ; n++)
{
    var id = label + "-" + n.ToString(CultureInfo.InvariantCulture);
    var now = DateTimeOffset.UtcNow;
    await store.Events.AppendAsync(
        new EdgeEvent(id, now, EventSeverities.Info, "kill-test", "test.write", "write " + id),
        CancellationToken.None);
    await store.Outbox.EnqueueAsync("events", "{\"id\":\"" + id + "\"}", now, CancellationToken.None);
    await stdout.WriteLineAsync("ACK " + id);
    await stdout.FlushAsync();
}
