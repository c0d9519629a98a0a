using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A car's phases learnt from its charger's reports reach the balancer (docs/control-loop.md, "What the car takes"):
/// a one-phase car is counted on its phase alone once a report taken while its limit was steady showed it — not on
/// all three until a phase has been idle for the balancer's 30 s drop time; a car caught answering a limit change
/// is not known on fewer phases; a car that switches to more phases is counted on them at once.
/// </summary>
public sealed class CarPhasesFromReportsTests
{
    private const string ChargerId = "CP001"; // L1L2L3, 32 A
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ResponseTime = new ControlLoopOptions().VehicleResponseTime;

    [Fact]
    public void A_one_phase_car_seen_on_one_phase_while_its_limit_was_steady_is_counted_on_that_phase_alone_at_once()
    {
        var (model, runtime) = Site(limitSentAt: Now.AddMinutes(-5));
        Report(runtime, new PhaseValues(16, 0, 0), Now.AddSeconds(-8));

        Assert.Equal(0b001, GridPhases(model));
    }

    [Fact]
    public void A_car_seen_on_one_phase_while_it_answers_a_limit_change_stays_counted_on_every_phase()
    {
        // The report comes 2 s after a raise: a three-phase car may not carry every phase yet.
        var (model, runtime) = Site(limitSentAt: Now.AddSeconds(-10));
        Report(runtime, new PhaseValues(16, 0, 0), Now.AddSeconds(-8));

        Assert.Equal(0, runtime.Car.KnownPhaseMask);
        Assert.Equal(0b111, GridPhases(model));
    }

    [Fact]
    public void A_car_known_on_one_phase_that_reports_three_is_counted_on_three_at_once()
    {
        var (model, runtime) = Site(limitSentAt: Now.AddMinutes(-5));
        Report(runtime, new PhaseValues(16, 0, 0), Now.AddSeconds(-30));
        Assert.Equal(0b001, GridPhases(model));

        // The car switched to three phases; the report comes while a new limit is answered, and still counts.
        Send(runtime, 20, Now.AddSeconds(-11));
        Report(runtime, new PhaseValues(16, 16, 16), Now.AddSeconds(-8));

        Assert.Equal(0b111, runtime.Car.KnownPhaseMask);
        Assert.Equal(0b111, GridPhases(model));
    }

    private static (SiteModel Model, ConnectorRuntime Runtime) Site(DateTimeOffset limitSentAt)
    {
        var model = SiteModel.Build(new AppliedConfiguration(1, DemoSiteConfiguration.Create(), Now, "test"), null);
        var runtime = model.Connectors[model.IndexOf(ChargerId, 1)!.Value];
        runtime.Reachable = true;
        runtime.OccupiedSince = Now.AddMinutes(-10);
        Send(runtime, 16, limitSentAt);
        return (model, runtime);
    }

    private static void Send(ConnectorRuntime runtime, double limitA, DateTimeOffset at)
    {
        var sent = runtime.TryBeginSend(limitA, at)!.Sent;
        runtime.CompleteSend(sent, SetpointOutcome.Accepted, at.AddSeconds(1));
    }

    // What the control loop does with a new report (ControlLoop.Learn).
    private static void Report(ConnectorRuntime runtime, PhaseValues currentA, DateTimeOffset at)
    {
        var status = new ConnectorStatus(1, ConnectorState.Charging, currentA, 1000, null, at);
        runtime.Car = DrawEstimator.Learn(runtime.Car, runtime.Status, status, runtime.History, ResponseTime, 3);
        runtime.Status = status;
    }

    // The grid phases the balancer counts the car on, in its first allocation of the site (a fresh balancer), learning car phases.
    private static int GridPhases(SiteModel model)
    {
        var caps = Enumerable.Repeat(double.PositiveInfinity, model.Connectors.Count).ToArray();
        var snapshot = model.Snapshot(Now, null, gridStale: true, new SiteConstraints(), caps, new ControlLoopOptions { LearnCarPhases = true });
        var result = new AllocationResult();
        new FairShareStrategy().Allocate(snapshot, new BalancerState(), result);
        var index = snapshot.Connectors.ToArray().ToList().FindIndex(c => c.ChargerId == ChargerId);
        return result.Connectors[index].GridPhaseMask;
    }
}
