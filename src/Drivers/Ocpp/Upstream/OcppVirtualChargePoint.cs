using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// A charger the edge drives itself (Modbus) as the upstream sees it: an OCPP 1.6 charge point
/// (docs/upstream.md, "Virtual chargers"). The host tells it what the control loop saw; it writes
/// the messages such a charge point would send and queues them like a relayed charger's, so they
/// survive an outage and a restart and go up once, in order, with the upstream's transaction ids.
/// The edge's transaction id of a session is the session's own id.
/// </summary>
public sealed class OcppVirtualChargePoint : IAsyncDisposable
{
    // CiString20Type: the 1.6 schema's limit for vendor, model and idTag.
    private const int CiString20 = 20;

    // The part of a session's StopTransaction in its key: one per session.
    private const string StopPart = "stop";

    private readonly string _id;
    private readonly OcppUpstreamLink _link;
    private readonly OcppUpstreamRelay _relay;

    internal OcppVirtualChargePoint(string id, OcppUpstreamLink link, OcppUpstreamRelay relay)
    {
        _id = id;
        _link = link;
        _relay = relay;
    }

    public Task BootAsync(string vendor, string model, CancellationToken cancellationToken) =>
        QueueAsync("BootNotification", new JsonObject { ["chargePointVendor"] = Cut(vendor), ["chargePointModel"] = Cut(model) }, null, null, cancellationToken);

    /// <param name="status">An OCPP 1.6 ChargePointStatus (Available, Preparing, Charging, …).</param>
    public Task StatusAsync(int connectorId, string status, DateTimeOffset at, CancellationToken cancellationToken) =>
        QueueAsync("StatusNotification", new JsonObject
        {
            ["connectorId"] = connectorId,
            ["errorCode"] = status == "Faulted" ? "OtherError" : "NoError",
            ["status"] = status,
            ["timestamp"] = Time(at),
        }, null, null, cancellationToken);

    /// <summary>A session began: its StartTransaction (queued once per session, whatever repeats).</summary>
    public Task StartAsync(string sessionId, int connectorId, string idTag, double meterStartWh, DateTimeOffset at, CancellationToken cancellationToken) =>
        QueueAsync("StartTransaction", new JsonObject
        {
            ["connectorId"] = connectorId,
            ["idTag"] = Cut(idTag),
            ["meterStart"] = Wh(meterStartWh),
            ["timestamp"] = Time(at),
        }, sessionId, "start", cancellationToken);

    /// <summary>
    /// A running session's meter values: the energy register and the current per phase. None once
    /// its transaction ended upstream (a remote stop): its StopTransaction is held in the store, so this
    /// holds across a restart of the edge too, whatever came since.
    /// </summary>
    public async Task MeterAsync(string sessionId, int connectorId, double registerWh, IReadOnlyList<double> currentA, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await _relay.Outbox.ContainsAsync(KeyOf(sessionId, StopPart), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var samples = new JsonArray(new JsonObject { ["value"] = Wh(registerWh).ToString(CultureInfo.InvariantCulture), ["measurand"] = "Energy.Active.Import.Register", ["unit"] = "Wh" });
        for (var phase = 0; phase < currentA.Count; phase++)
        {
            samples.Add(new JsonObject
            {
                ["value"] = Math.Round(currentA[phase], 1).ToString(CultureInfo.InvariantCulture),
                ["measurand"] = "Current.Import",
                ["phase"] = "L" + (phase + 1).ToString(CultureInfo.InvariantCulture),
                ["unit"] = "A",
            });
        }

        await QueueAsync("MeterValues", new JsonObject
        {
            ["connectorId"] = connectorId,
            ["transactionId"] = 0, // the upstream's id replaces it when it goes (docs/upstream.md, "Outages and replay")
            ["meterValue"] = new JsonArray(new JsonObject { ["timestamp"] = Time(at), ["sampledValue"] = samples }),
        }, sessionId, "meter:" + at.UtcTicks.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A session ended at the edge: its StopTransaction, queued once per session — none when one went at a
    /// remote stop (<see cref="RemoteStoppedAsync"/>), which the outbox may forget from now on.
    /// </summary>
    public async Task StopAsync(string sessionId, string idTag, double meterStopWh, DateTimeOffset at, string reason, CancellationToken cancellationToken)
    {
        await QueueStopAsync(sessionId, idTag, meterStopWh, at, reason, cancellationToken).ConfigureAwait(false);
        await _relay.Outbox.ReleaseAsync(KeyOf(sessionId, StopPart), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The upstream stopped a session that goes on at the edge until the car leaves: its StopTransaction
    /// (reason Remote) now, held in the outbox until <see cref="StopAsync"/> — past the charger's newest kept
    /// messages and an edge restart — so the session's later meter values and its end send nothing more.
    /// </summary>
    public async Task RemoteStoppedAsync(string sessionId, string idTag, double meterStopWh, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await QueueStopAsync(sessionId, idTag, meterStopWh, at, "Remote", cancellationToken).ConfigureAwait(false);
        // After the queueing: the charger's messages are queued one at a time (VirtualCharger), so none is
        // done after this one before it is held, and it is the newest done, never forgotten before.
        await _relay.Outbox.HoldAsync(KeyOf(sessionId, StopPart), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => new(_relay.DetachVirtualAsync(_id, _link));

    private Task<JsonElement?> QueueStopAsync(string sessionId, string idTag, double meterStopWh, DateTimeOffset at, string reason, CancellationToken cancellationToken) =>
        QueueAsync("StopTransaction", new JsonObject
        {
            ["transactionId"] = 0,
            ["idTag"] = Cut(idTag),
            ["meterStop"] = Wh(meterStopWh),
            ["timestamp"] = Time(at),
            ["reason"] = reason,
        }, sessionId, StopPart, cancellationToken);

    /// <summary>Queues a message; one of a session (<paramref name="part"/> given) is queued once however often it is told.</summary>
    private Task<JsonElement?> QueueAsync(string action, JsonObject payload, string? sessionId, string? part, CancellationToken cancellationToken) =>
        _link.QueueAsync(
            action,
            JsonSerializer.SerializeToElement(payload),
            sessionId,
            part is null ? Guid.NewGuid().ToString("N") : KeyOf(sessionId!, part),
            cancellationToken);

    private string KeyOf(string sessionId, string part) => $"virtual:{_id}:{sessionId}:{part}";

    private static string Cut(string text) => text.Length <= CiString20 ? text : text[..CiString20];

    private static int Wh(double wh) => (int)Math.Round(wh);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
