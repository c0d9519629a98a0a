using System.Globalization;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;

// The writer that the hard-kill durability test (tests/Integration/Foundation) kills with SIGKILL.
// It appends to the store in a loop and prints "ACK <label>-<n>" only after write n has returned: every
// ACK it printed is a promise the store must keep after the kill.
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: StoreKillWriter <data directory> <run label>");
    return 2;
}

var label = args[1];

using var store = LiteEdgeStore.Open(args[0]);
var stdout = Console.Out;
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
