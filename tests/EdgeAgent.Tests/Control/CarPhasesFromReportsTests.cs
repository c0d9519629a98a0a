using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
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
    private static readonly DateTimeOffset Now = DemoConnector.Now;

    [Fact]
    public void A_one_phase_car_seen_on_one_phase_while_its_limit_was_steady_is_counted_on_that_phase_alone_at_once()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Report(new PhaseValues(16, 0, 0), Now.AddSeconds(-8));

        Assert.Equal(0b001, GridPhases(connector));
    }

    [Fact]
    public void A_car_seen_on_one_phase_while_it_answers_a_limit_change_stays_counted_on_every_phase()
    {
        // The report comes 2 s after a raise: a three-phase car may not carry every phase yet.
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddSeconds(-10));
        connector.Report(new PhaseValues(16, 0, 0), Now.AddSeconds(-8));

        Assert.Equal(0, connector.Runtime.Car.KnownPhaseMask);
        Assert.Equal(0b111, GridPhases(connector));
    }

    [Fact]
    public void A_car_known_on_one_phase_that_reports_three_is_counted_on_three_at_once()
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.Report(new PhaseValues(16, 0, 0), Now.AddSeconds(-30));
        Assert.Equal(0b001, GridPhases(connector));

        // The car switched to three phases; the report comes while a new limit is answered, and still counts.
        connector.Send(20, Now.AddSeconds(-11));
        connector.Report(new PhaseValues(16, 16, 16), Now.AddSeconds(-8));

        Assert.Equal(0b111, connector.Runtime.Car.KnownPhaseMask);
        Assert.Equal(0b111, GridPhases(connector));
    }

    // The grid phases the balancer counts the car on, in its first allocation of the site (a fresh balancer), learning car phases.
    private static int GridPhases(DemoConnector connector)
    {
        var snapshot = connector.Snapshot(new ControlLoopOptions { LearnCarPhases = true });
        var result = new AllocationResult();
        new FairShareStrategy().Allocate(snapshot, new BalancerState(), result);
        var index = snapshot.Connectors.ToArray().ToList().FindIndex(c => c.ChargerId == DemoConnector.ChargerId);
        return result.Connectors[index].GridPhaseMask;
    }
}
