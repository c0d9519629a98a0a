using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// The demo site's CP001 (L1L2L3, 32 A) as the loop keeps it — reachable, a car on it for ten minutes — for the tests
/// of what the balancer is told of one connector: its limits sent and answered, its charger's reports, the snapshot.
/// </summary>
internal sealed class DemoConnector
{
    public const string ChargerId = "CP001";
    public static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan ResponseTime = new ControlLoopOptions().VehicleResponseTime;

    private DemoConnector(SiteModel model, ConnectorRuntime runtime)
    {
        Model = model;
        Runtime = runtime;
    }

    public SiteModel Model { get; }

    public ConnectorRuntime Runtime { get; }

    /// <summary>The connector with a car on it and <paramref name="limitA"/> sent at <paramref name="sentAt"/>, accepted a second later.</summary>
    public static DemoConnector WithLimit(double limitA, DateTimeOffset sentAt)
    {
        var model = SiteModel.Build(new AppliedConfiguration(1, DemoSiteConfiguration.Create(), Now, "test"), null);
        var connector = new DemoConnector(model, model.Connectors[model.IndexOf(ChargerId, 1)!.Value]);
        connector.Runtime.Reachable = true;
        connector.Runtime.OccupiedSince = Now.AddMinutes(-10);
        connector.Send(limitA, sentAt);
        return connector;
    }

    /// <summary>A limit sent at <paramref name="at"/> and accepted a second later.</summary>
    public void Send(double limitA, DateTimeOffset at)
    {
        var sent = Runtime.TryBeginSend(limitA, at)!.Sent;
        Runtime.CompleteSend(sent, SetpointOutcome.Accepted, at.AddSeconds(1));
    }

    /// <summary>A new report (MeterValues, or a Modbus poll with the limit its charger says is in force), learnt from as the control loop does (ControlLoop.Learn).</summary>
    public void Report(PhaseValues currentA, DateTimeOffset at, double? limitInForceA = null, double? offeredA = null)
    {
        var status = new ConnectorStatus(1, ConnectorState.Charging, currentA, 1000, limitInForceA, at)
        {
            Offered = offeredA is { } a ? new OfferedCurrent(a, at) : null,
        };
        Runtime.Car = DrawEstimator.Learn(Runtime.Car, Runtime.Status, status, Runtime.History, ResponseTime, 3);
        Runtime.Status = status;
        ReportedLimit.Judge(Runtime, new ControlLoopOptions().FreshReadingAge);
    }

    /// <summary>A report of one current without a phase, the energy counter and perhaps the power, as some OCPP chargers send (MeterValues).</summary>
    public void ReportPhaseless(double currentA, double energyWh, DateTimeOffset at, double? powerW = null)
    {
        var status = new ConnectorStatus(1, ConnectorState.Charging, new PhaseValues(currentA, currentA, currentA), energyWh, null, at, PhasesKnown: false, PowerW: powerW);
        Runtime.Car = DrawEstimator.Learn(Runtime.Car, Runtime.Status, status, Runtime.History, ResponseTime, 3);
        Runtime.Status = status;
    }

    /// <summary>
    /// A StatusNotification: the new state and time, beside the currents of the last MeterValues (it carries none of its
    /// own, so the driver keeps those; docs/control-loop-sessions.md, Session 16, "Capacity").
    /// </summary>
    public void Notify(ConnectorState state, DateTimeOffset at) =>
        Runtime.Status = Runtime.Status! with { State = state, Timestamp = at, CurrentsMeasuredAt = Runtime.Status.CurrentsAt };

    /// <summary>The balancer's input at <see cref="Now"/>, with no grid reading.</summary>
    public SiteSnapshot Snapshot(ControlLoopOptions? options = null)
    {
        var caps = Enumerable.Repeat(double.PositiveInfinity, Model.Connectors.Count).ToArray();
        return Model.Snapshot(Now, null, gridStale: true, new SiteConstraints(), caps, options ?? new ControlLoopOptions());
    }

    /// <summary>This connector's part of <see cref="Snapshot"/>.</summary>
    public ConnectorInput Input() => Snapshot().Connectors.ToArray().First(c => c.ChargerId == ChargerId);
}
