using System.Collections.Concurrent;
using System.Text.Json;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.Drivers.Ocpp.Validation;
using ChargeNet.Drivers.Tests.ModbusDevices;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>
/// The central system on a fake clock with one charge point at the other end of an in-memory
/// transport: the test says how it answers each action the edge calls (or that it does not answer).
/// </summary>
public sealed class FakeChargePoint : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(string Action, JsonElement Payload)> _calls = new();
    private readonly ConcurrentQueue<string> _held = new();
    private InMemoryOcppTransport _transport = new();
    private Task _run = Task.CompletedTask;
    private Task _answering = Task.CompletedTask;
    private int _nextId;

    private readonly OcppVersion _version;

    private FakeChargePoint(OcppServer server, FakeTimeProvider time, InMemoryOcppEventSink events, CapturingLoggerFactory logs, OcppVersion version)
    {
        _version = version;
        Server = server;
        Time = time;
        Events = events;
        Logs = logs;
    }

    public const string Id = "CP1";

    public OcppServer Server { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryOcppEventSink Events { get; }

    /// <summary>What the central system logged.</summary>
    public CapturingLoggerFactory Logs { get; }

    public OcppChargePoint ChargePoint => Server.GetChargePoint(Id);

    /// <summary>The answer to the edge's SetChargingProfile: "Accepted", "Rejected", or null for no answer at all.</summary>
    public string? ProfileAnswer { get; set; } = "Accepted";

    /// <summary>While true, SetChargingProfile calls wait for <see cref="AnswerHeld"/> (a charger that answers late).</summary>
    public bool HoldProfileAnswers { get; set; }

    /// <summary>While true, TriggerMessage calls wait for <see cref="AnswerHeld"/> too (a charger slow to answer a call that is not a limit).</summary>
    public bool HoldTriggerAnswers { get; set; }

    /// <summary>While true, GetTransactionStatus calls are held too, never answered unless by <see cref="AnswerHeld"/> (which answers with a status).</summary>
    public bool HoldTransactionStatusAnswers { get; set; }

    /// <summary>Actions the charge point never answers (set before it connects): a station that ignores them.</summary>
    public IReadOnlySet<string> NeverAnswered { get; set; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Answers the held SetChargingProfiles (and TriggerMessages) with <paramref name="status"/>, oldest first: <paramref name="count"/> of them, or every one.</summary>
    public void AnswerHeld(string status, int count = int.MaxValue)
    {
        for (var i = 0; i < count && _held.TryDequeue(out var id); i++)
        {
            _transport.Inject($"[3,\"{id}\",{{\"status\":\"{status}\"}}]");
        }
    }

    /// <summary>Every CALL the edge sent, in order.</summary>
    public IReadOnlyList<(string Action, JsonElement Payload)> Calls => [.. _calls];

    /// <summary>The SetChargingProfile requests the edge sent, in order.</summary>
    public IReadOnlyList<JsonElement> Profiles => [.. _calls.Where(c => c.Action == "SetChargingProfile").Select(c => c.Payload)];

    /// <summary>
    /// A fake charge point on a fresh central system; its configuration keys are set on boot only when <paramref name="setConfigurationOnBoot"/>.
    /// Its connections speak <paramref name="version"/> (the answers are the same: a status).
    /// </summary>
    public static async Task<FakeChargePoint> StartAsync(OcppChargerSettings? settings = null, bool setConfigurationOnBoot = false, OcppVersion version = OcppVersion.V16)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var registry = new InMemoryOcppChargerRegistry();
        registry.Add(Id, settings: (settings ?? new OcppChargerSettings()) with { SetConfigurationOnBoot = setConfigurationOnBoot }, version: version);
        var events = new InMemoryOcppEventSink();
        var logs = new CapturingLoggerFactory();
        var context = new OcppCentralSystemContext(
            new OcppServerOptions { BootTriggerDelay = TimeSpan.FromHours(1) },
            await OcppProtocols.LoadAsync(CancellationToken.None),
            registry,
            new InMemoryOcppTransactionStore(),
            new InMemoryOcppAuthorizer(OcppUnknownTagPolicy.AcceptAll),
            events,
            new InMemoryOcppBootStore(),
            [],
            time,
            logs);
        return new FakeChargePoint(new OcppServer(context), time, events, logs, version);
    }

    /// <summary>Connects and boots; returns once the edge has finished its follow-up of the boot.</summary>
    public async Task ConnectAndBootAsync()
    {
        await ConnectAsync();
        await CallAsync("BootNotification", "{\"chargePointVendor\":\"Test\",\"chargePointModel\":\"Fake\"}");
        await Eventually.TrueAsync(() => ChargePoint.BootFollowUpDoneAt is not null, "the boot follow-up ends");
    }

    /// <summary>Opens a new connection (the old transport, if any, is left as it is).</summary>
    public async Task ConnectAsync(TimeSpan? keepAliveWindow = null)
    {
        _transport = new InMemoryOcppTransport { KeepAliveWindow = keepAliveWindow };
        var registration = await Server.Context.Registry.FindAsync(Id, CancellationToken.None);
        _run = Server.RunConnectionAsync(Id, new OcppAdmission(registration, false, _version), _transport, _stop.Token);
        _answering = AnswerAsync(_transport);
        await Eventually.TrueAsync(() => ChargePoint.IsConnected, "the charge point is connected");
    }

    /// <summary>Ends the connection from the charge point's side.</summary>
    public async Task DisconnectAsync()
    {
        _transport.Drop();
        await _run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>Sends a CALL to the edge without waiting for its answer.</summary>
    public Task CallAsync(string action, string payload)
    {
        _transport.Inject($"[2,\"cp-{Interlocked.Increment(ref _nextId)}\",\"{action}\",{payload}]");
        return Task.CompletedTask;
    }

    /// <summary>Sends a StatusNotification and waits until the edge has applied it.</summary>
    public async Task ReportStatusAsync(int connectorId, string status)
    {
        await CallAsync("StatusNotification", $"{{\"connectorId\":{connectorId},\"errorCode\":\"NoError\",\"status\":\"{status}\"}}");
        await Eventually.TrueAsync(() => ChargePoint.GetConnector(connectorId).Status?.ToString() == status, $"connector {connectorId} is {status}");
    }

    public async ValueTask DisposeAsync()
    {
        _transport.Drop();
        await _stop.CancelAsync();
        await Task.WhenAny(Task.WhenAll(_run, _answering), Task.Delay(TimeSpan.FromSeconds(5)));
        _stop.Dispose();
    }

    private async Task AnswerAsync(InMemoryOcppTransport transport)
    {
        try
        {
            await foreach (var text in transport.Sent.Reader.ReadAllAsync(_stop.Token))
            {
                var frame = JsonDocument.Parse(text).RootElement;
                if (frame[0].GetInt32() != 2)
                {
                    continue;
                }

                var action = frame[2].GetString()!;
                _calls.Enqueue((action, frame[3].Clone()));
                var answer = action == "SetChargingProfile" ? ProfileAnswer : "Accepted";
                if ((action == "SetChargingProfile" && HoldProfileAnswers) || (action == "TriggerMessage" && HoldTriggerAnswers)
                    || (action == "GetTransactionStatus" && HoldTransactionStatusAnswers))
                {
                    _held.Enqueue(frame[1].GetString()!);
                }
                else if (answer is not null && !NeverAnswered.Contains(action))
                {
                    transport.Inject($"[3,\"{frame[1].GetString()}\",{{\"status\":\"{answer}\"}}]");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
    }
}
