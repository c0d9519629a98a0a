#:sdk Microsoft.NET.Sdk.Web
#:project ../../../src/Drivers/Drivers.csproj
#:project ../../../src/EdgeAgent/EdgeAgent.csproj
#:property PublishAot=false
#:property ServerGarbageCollection=false

// The OCPP central system alone on Kestrel, for bench.sh: admits BENCH-0000 … BENCH-{n-1} (HTTP Basic;
// BENCH-i speaks OCPP 2.0.1 when (i * p) % 100 < p for p = CHARGENET_BENCH_V201_PERCENT, default 0, as bench-load.js does),
// prints "READY {port}" and runs until its standard input closes. With a data directory as second
// argument its transactions, boots and events go to the daemon's store there (each event with its
// cloud outbox copy, as in the daemon); without one, to in-memory ports.
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Events;
using ChargeNet.EdgeAgent.Ocpp;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var chargers = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
var v201Percent = int.Parse(Environment.GetEnvironmentVariable("CHARGENET_BENCH_V201_PERCENT") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var registry = new InMemoryOcppChargerRegistry();
for (var i = 0; i < chargers; i++)
{
    // Each with its own password, kept as the edge keeps them (salted PBKDF2, docs/security.md): the
    // connects pay the derivation a site pays after a power cut (bench-load.js sends the passwords).
    registry.Add($"BENCH-{i:0000}", password: $"BENCH-{i:0000}-bench-password", version: (i * v201Percent) % 100 < v201Percent ? OcppVersion.V201 : OcppVersion.V16);
}

builder.Services.AddSingleton<IOcppChargerRegistry>(registry);
if (args.Length > 1)
{
    builder.Services.AddSingleton<IEdgeStore>(_ => LiteEdgeStore.Open(args[1]));
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddSingleton<SiteEventLog>();
    builder.Services.AddSingleton<CloudOutbox>();
    builder.Services.AddSingleton<CloudOutboxFeeder>();
    builder.Services.AddSingleton<SessionRecorder>();
    builder.Services.AddSingleton<IOcppTransactionStore, OcppSessionLedger>();
    builder.Services.AddSingleton(sp => sp.GetRequiredService<IEdgeStore>().OcppBoots);
    builder.Services.AddSingleton<IOcppEventSink, SiteEventOcppSink>();
}
else
{
    builder.Services.AddSingleton<IOcppTransactionStore>(new InMemoryOcppTransactionStore());
    builder.Services.AddSingleton<IOcppEventSink>(new InMemoryOcppEventSink());
}

builder.Services.AddSingleton<IOcppAuthorizer>(new InMemoryOcppAuthorizer(OcppUnknownTagPolicy.AcceptAll));
builder.Services.AddOcppCentralSystem();
var app = builder.Build();
if (args.Length > 1)
{
    app.Services.GetRequiredService<CloudOutboxFeeder>(); // subscribes to events, as in the daemon (sessions write their own copies)
}

app.MapOcpp();
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine("READY " + new Uri(address).Port);
var pausedBefore = GC.GetTotalPauseDuration();
var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
await Console.In.ReadToEndAsync();
// What the garbage collector cost while the load ran: tells whether GC pauses can explain the tail latency.
Console.WriteLine(System.FormattableString.Invariant(
    $"GC during the load: {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:0} ms paused in total; collections gen0 {GC.CollectionCount(0) - collectionsBefore.Item1}, gen1 {GC.CollectionCount(1) - collectionsBefore.Item2}, gen2 {GC.CollectionCount(2) - collectionsBefore.Item3}; the last one paused {GC.GetGCMemoryInfo(GCKind.Any).PauseDurations[0].TotalMilliseconds:0.0} ms"));
await app.StopAsync();
