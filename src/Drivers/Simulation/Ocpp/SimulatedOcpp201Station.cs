using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp;
using ChargeNet.Drivers.Ocpp.Rpc;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;
using ChargeNet.Drivers.Ocpp.V201;
using ChargeNet.Drivers.Ocpp.V201.Messages;
using ChargeNet.Drivers.Ocpp.Validation;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Simulation.Ocpp;

/// <summary>
/// A simulated OCPP 2.0.1 charging station with one EVSE (of one connector) per <see cref="ISimulatedOutlet"/>. It
/// connects with subprotocol <c>ocpp2.0.1</c>, boots, reports its EVSEs' status, runs a transaction per car
/// (TransactionEvent Started, Updated every TxUpdatedInterval with the meter values, Ended when the car leaves; its
/// own string ids, seqNo from 0 per transaction), sends its base report when asked, and offers each car what the
/// installed profiles allow. It reconnects when the connection is lost (<see cref="SimulatedOcppStationBase"/>).
/// </summary>
public sealed class SimulatedOcpp201Station : SimulatedOcppStationBase
{
    private static readonly Ocpp201JsonContext Json = Ocpp201JsonContext.Default;
    private readonly List<SimulatedOcpp201Evse> _evses;
    private DateTimeOffset _nextHeartbeat;
    private DateTimeOffset _nextMeterValues;
    private int _profileTransactions;

    public SimulatedOcpp201Station(SimulatedOcppChargePointOptions options, IReadOnlyList<ISimulatedOutlet> outlets, OcppSchemaValidator validator, TimeProvider time, ILogger logger)
        : base(options, validator, time, logger)
    {
        _evses = [.. outlets.Select((outlet, i) => new SimulatedOcpp201Evse(i + 1, outlet))];
    }

    /// <summary>The profiles the central system installed.</summary>
    public OcppChargingProfileSet Profiles { get; } = new();

    public SimulatedOcpp201Variables Variables { get; } = new();

    /// <summary>The central system's answer to the last BootNotification.</summary>
    public string? BootStatus { get; private set; }

    protected override string SubProtocol => OcppSubProtocol.V201;

    protected override IOcppCallHandler CreateHandler() =>
        new SimulatedOcpp201CallHandler(_evses, Profiles, Variables, SendTriggeredAsync, SendReportAsync, () => BootStatus == "Accepted", Options, Time);

    protected override async Task BootAsync(OcppRpcConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            var answer = await connection.CallAsync(Ocpp201Action.BootNotification,
                new BootNotificationRequest(new ChargingStation(Options.Model, Options.Vendor, FirmwareVersion: "sim-2.0.1"), "PowerUp"),
                Json.BootNotificationRequest, Json.BootNotificationResponse, cancellationToken).ConfigureAwait(false);
            BootStatus = answer.Status;
            if (answer.Status == "Accepted")
            {
                if (answer.Interval > 0)
                {
                    Variables.SetHeartbeatInterval(answer.Interval);
                }

                foreach (var evse in _evses)
                {
                    evse.ReportedStatus = null;
                }

                _nextHeartbeat = Time.GetUtcNow() + Variables.HeartbeatInterval;
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Max(answer.Interval, 1)), Time, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task TickAsync(OcppRpcConnection connection, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        foreach (var evse in _evses)
        {
            var outlet = evse.Outlet;
            outlet.OfferedA = Math.Min(Options.MaxCurrentA, Profiles.LimitAtA(evse.EvseId, now, evse.ProfileTransaction, evse.TransactionStart) ?? Options.MaxCurrentA);
            if (outlet.IdTag is { } idTag && evse.TransactionId is null && outlet.State != ConnectorState.Available)
            {
                // A unique id across restarts: the edge keys a transaction by station and id, also after its own restart.
                (evse.TransactionId, evse.ProfileTransaction, evse.TransactionStart, evse.SeqNo) = (Guid.NewGuid().ToString("D"), ++_profileTransactions, now, 0);
                await TransactionEventAsync(connection, evse, "Started", "Authorized", now, new IdToken(idTag, "ISO14443"), cancellationToken).ConfigureAwait(false);
            }
            else if (outlet.IdTag is null && evse.TransactionId is not null)
            {
                await TransactionEventAsync(connection, evse, "Ended", "EVCommunicationLost", now, null, cancellationToken).ConfigureAwait(false);
                Profiles.EndTransaction(evse.ProfileTransaction!.Value);
                (evse.TransactionId, evse.ProfileTransaction, evse.TransactionStart) = (null, null, null);
            }

            if (ConnectorStatus(outlet.State) != evse.ReportedStatus)
            {
                await SendStatusAsync(connection, evse, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (now >= _nextMeterValues)
        {
            _nextMeterValues = now + Variables.TxUpdatedInterval;
            foreach (var evse in _evses)
            {
                await SendMeterValuesAsync(connection, evse, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (now >= _nextHeartbeat)
        {
            _nextHeartbeat = now + Variables.HeartbeatInterval;
            await connection.CallAsync(Ocpp201Action.Heartbeat, new HeartbeatRequest(), Json.HeartbeatRequest, Json.HeartbeatResponse, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>During a transaction its meter values go in a TransactionEvent Updated (E02); outside one, MeterValues (J01).</summary>
    private Task SendMeterValuesAsync(OcppRpcConnection connection, SimulatedOcpp201Evse evse, DateTimeOffset now, CancellationToken cancellationToken) =>
        evse.TransactionId is not null
            ? TransactionEventAsync(connection, evse, "Updated", "MeterValuePeriodic", now, null, cancellationToken)
            : connection.CallAsync(Ocpp201Action.MeterValues, new MeterValuesRequest(evse.EvseId, [Sample(evse, now)]), Json.MeterValuesRequest, Json.EmptyResponse, cancellationToken);

    private async Task TransactionEventAsync(OcppRpcConnection connection, SimulatedOcpp201Evse evse, string eventType, string triggerReason, DateTimeOffset now, IdToken? idToken, CancellationToken cancellationToken)
    {
        var ended = eventType == "Ended";
        var info = new TransactionInfo(evse.TransactionId!, ended ? null : ChargingState(evse.Outlet.State), ended ? "EVDisconnected" : null);
        var request = new TransactionEventRequest(eventType, now, triggerReason, evse.SeqNo++, info, IdToken: idToken, Evse: new Evse(evse.EvseId, 1), MeterValue: [Sample(evse, now)]);
        await connection.CallAsync(Ocpp201Action.TransactionEvent, request, Json.TransactionEventRequest, Json.TransactionEventResponse, cancellationToken).ConfigureAwait(false);
    }

    private MeterValue Sample(SimulatedOcpp201Evse evse, DateTimeOffset now)
    {
        var outlet = evse.Outlet;
        var wanted = Variables.TxUpdatedMeasurands;
        var samples = new List<SampledValue> { new(Math.Round(outlet.EnergyWh, 2), Measurand: "Energy.Active.Import.Register", UnitOfMeasure: new UnitOfMeasure("Wh")) };
        if (wanted.Contains("Current.Import", StringComparison.Ordinal))
        {
            samples.Add(new(Math.Round(outlet.CurrentA.L1, 2), Measurand: "Current.Import", Phase: "L1", UnitOfMeasure: new UnitOfMeasure("A")));
            samples.Add(new(Math.Round(outlet.CurrentA.L2, 2), Measurand: "Current.Import", Phase: "L2", UnitOfMeasure: new UnitOfMeasure("A")));
            samples.Add(new(Math.Round(outlet.CurrentA.L3, 2), Measurand: "Current.Import", Phase: "L3", UnitOfMeasure: new UnitOfMeasure("A")));
        }

        if (wanted.Contains("Current.Offered", StringComparison.Ordinal))
        {
            samples.Add(new(Math.Round(outlet.OfferedA, 2), Measurand: "Current.Offered", UnitOfMeasure: new UnitOfMeasure("A")));
        }

        return new MeterValue(now, samples);
    }

    private static async Task SendStatusAsync(OcppRpcConnection connection, SimulatedOcpp201Evse evse, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = ConnectorStatus(evse.Outlet.State);
        await connection.CallAsync(Ocpp201Action.StatusNotification, new StatusNotificationRequest(now, status, evse.EvseId, 1), Json.StatusNotificationRequest, Json.EmptyResponse, cancellationToken).ConfigureAwait(false);
        evse.ReportedStatus = status;
    }

    private async Task SendTriggeredAsync(string action, int? evseId, CancellationToken cancellationToken)
    {
        if (Connection is not { } connection)
        {
            return;
        }

        var now = Time.GetUtcNow();
        var targets = _evses.Where(e => evseId is null || e.EvseId == evseId);
        switch (action)
        {
            case Ocpp201Action.BootNotification:
                await BootAsync(connection, cancellationToken).ConfigureAwait(false);
                break;
            case Ocpp201Action.Heartbeat:
                await connection.CallAsync(Ocpp201Action.Heartbeat, new HeartbeatRequest(), Json.HeartbeatRequest, Json.HeartbeatResponse, cancellationToken).ConfigureAwait(false);
                break;
            case Ocpp201Action.StatusNotification:
                foreach (var evse in targets)
                {
                    await SendStatusAsync(connection, evse, now, cancellationToken).ConfigureAwait(false);
                }

                break;
            default:
                foreach (var evse in targets)
                {
                    await SendMeterValuesAsync(connection, evse, now, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    /// <summary>The base report (B07) in one part: each EVSE with its three phases and its connector, and smart charging.</summary>
    private async Task SendReportAsync(int requestId, CancellationToken cancellationToken)
    {
        if (Connection is not { } connection)
        {
            return;
        }

        var items = _evses.SelectMany(e => new[]
        {
            new ReportData(new Component("EVSE", new Evse(e.EvseId)), new Variable("SupplyPhases"), [new VariableAttributeValue(Value: "3")]),
            new ReportData(new Component("Connector", new Evse(e.EvseId, 1)), new Variable("ConnectorType"), [new VariableAttributeValue(Value: "cType2")]),
        }).Append(new ReportData(new Component("SmartChargingCtrlr"), new Variable("Available"), [new VariableAttributeValue(Value: "true")])).ToList();
        await connection.CallAsync(Ocpp201Action.NotifyReport, new NotifyReportRequest(requestId, Time.GetUtcNow(), 0, items), Json.NotifyReportRequest, Json.EmptyResponse, cancellationToken).ConfigureAwait(false);
    }

    private static string ConnectorStatus(ConnectorState state) => state switch
    {
        ConnectorState.Available => "Available",
        ConnectorState.CarConnected or ConnectorState.Charging or ConnectorState.SuspendedByCar or ConnectorState.SuspendedByController => "Occupied",
        ConnectorState.Faulted => "Faulted",
        _ => "Unavailable",
    };

    private static string ChargingState(ConnectorState state) => state switch
    {
        ConnectorState.Charging => "Charging",
        ConnectorState.SuspendedByCar => "SuspendedEV",
        ConnectorState.SuspendedByController => "SuspendedEVSE",
        ConnectorState.CarConnected => "EVConnected",
        _ => "Idle",
    };
}
