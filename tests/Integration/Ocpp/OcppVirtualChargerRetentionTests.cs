using ChargeNet.Drivers.Ocpp.Upstream;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Ocpp.Virtual;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;
using ChargeNet.Integration.Tests.Foundation;
using ChargeNet.Integration.Tests.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Integration.Tests.Ocpp;

/// <summary>
/// docs/upstream.md, "Virtual chargers" and "Retention": a remote stop's StopTransaction goes once, even
/// when the session goes on at the edge for longer than the outbox keeps what it delivered, its pause
/// is lifted by hand, and the edge restarts in between. The virtual charger as the daemon runs it
/// (<see cref="VirtualCharger"/>), its queue in a real store file, a strict ocpp-rpc central system.
/// </summary>
public sealed class OcppVirtualChargerRetentionTests
{
    private const string ChargerId = "WB-9";
    private const int Keep = 5;

    [Fact]
    public async Task A_remote_stops_StopTransaction_goes_once_when_the_session_outlives_the_outboxs_retention_and_the_edge_restarts()
    {
        var dataDir = RealDiskDirectory.Create("chargenet-virtual-");
        try
        {
            await using var csms = await CsmsPeer.StartAsync();
            using var store = LiteEdgeStore.Open(dataDir);
            var sessions = new SessionRecorder(store, TimeProvider.System);
            var t0 = DateTimeOffset.UtcNow;
            var session = await sessions.OpenAsync(new ChargingSession("S-9", ChargerId, 1, null, null, t0, null, 0, null), CancellationToken.None);
            var at = t0;
            DateTimeOffset Next() => at = at.AddSeconds(11);

            // The session starts upstream, meters, is stopped remotely; then more than the outbox keeps goes up (the
            // paused connector's status toggling), so retention would forget that StopTransaction.
            await using (var edge = await VirtualEdge.StartAsync(csms, store))
            {
                edge.Charger.Changed(new SessionChange(SessionChangeKind.Started, session));
                edge.Charger.Saw(View("charging"), sessions, Next());
                edge.Charger.Saw(View("charging"), sessions, Next());
                await csms.WaitForCallsAsync("OP-WB-9", 5); // boot, start, status, two meter values
                edge.Charger.RemoteStopped(session, Next());
                for (var i = 0; i < 3 * Keep; i++)
                {
                    edge.Charger.Saw(View(i % 2 == 0 ? "suspendedByController" : "charging"), sessions, Next());
                }

                await csms.WaitForCallsAsync("OP-WB-9", 6 + (3 * Keep));
            }

            // The edge restarts; the operator lifted the pause, so the car charges on in the same session, then leaves.
            await using (var edge = await VirtualEdge.StartAsync(csms, store))
            {
                for (var i = 0; i < 3; i++)
                {
                    edge.Charger.Saw(View("charging"), sessions, Next());
                }

                // Finished as the daemon finishes it: recorded (no longer open, so no more meter values), then told.
                var finished = await sessions.FinishAsync(session with { StoppedAt = Next(), EnergyWh = 900, StopReason = "EVDisconnected" }, CancellationToken.None);
                edge.Charger.Changed(new SessionChange(SessionChangeKind.Finished, finished));
                edge.Charger.Saw(View("available"), sessions, Next());
                await OcppCoreMessagesTests.WaitUntilAsync(
                    () => csms.CallsOf("OP-WB-9").LastOrDefault(c => c.Action == "StatusNotification").Payload is { ValueKind: System.Text.Json.JsonValueKind.Object } last
                        && last.GetProperty("status").GetString() == "Available",
                    "the connector available upstream");
                var calls = csms.CallsOf("OP-WB-9");
                Assert.Equal(1, calls.Count(c => c.Action == "StopTransaction"));
                Assert.Equal("Remote", calls.Single(c => c.Action == "StopTransaction").Payload.GetProperty("reason").GetString());
                Assert.DoesNotContain(calls.SkipWhile(c => c.Action != "StopTransaction"), c => c.Action == "MeterValues");
                Assert.DoesNotContain(edge.Host.Events.Events, e => e.Code == "upstream.refused");

                // Ended at the edge: the held StopTransaction is let go, and forgotten like the rest from now on.
                for (var i = 0; i < 3 * Keep; i++)
                {
                    edge.Charger.Saw(View(i % 2 == 0 ? "carConnected" : "available"), sessions, Next());
                }

                await csms.WaitForCallsAsync("OP-WB-9", calls.Count + (3 * Keep));
                await Poll.UntilAsync(async () => !await store.OcppUpstream.ContainsAsync($"virtual:{ChargerId}:S-9:stop", CancellationToken.None), "the stop forgotten");
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static ChargerView View(string state) => new(ChargerId, true, null, [new ConnectorView(1, state, state == "charging" ? [16, 16, 16] : [0, 0, 0], 16, null, true)]);

    /// <summary>One run of the edge: an OCPP host whose relay keeps the queue in <paramref name="store"/>, and the charger presented upstream.</summary>
    private sealed record VirtualEdge(OcppTestHost Host, VirtualCharger Charger) : IAsyncDisposable
    {
        public static async Task<VirtualEdge> StartAsync(CsmsPeer csms, LiteEdgeStore store)
        {
            var relay = OcppUpstreamRelayTests.Relay(store.OcppUpstream, keepDone: Keep);
            var host = await OcppTestHost.StartAsync(relay: relay);
            relay.Use(host.Server.Context);
            var point = relay.AttachVirtual(ChargerId, OcppUpstreamRelayTests.Target(csms, "OP-WB-9"), new NoRemoteControl());
            return new VirtualEdge(host, new VirtualCharger(ChargerId, point, "Generic", "Wallbox", TimeSpan.FromSeconds(10), NullLogger.Instance));
        }

        public async ValueTask DisposeAsync()
        {
            await Charger.DisposeAsync();
            await Host.DisposeAsync();
        }
    }

    private sealed class NoRemoteControl : IOcppVirtualChargerControl
    {
        public Task<bool> RemoteStartAsync(string chargerId, int connectorId, string idTag, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<bool> RemoteStopAsync(string chargerId, string edgeTransactionId, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
