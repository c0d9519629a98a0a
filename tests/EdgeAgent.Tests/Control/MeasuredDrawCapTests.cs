using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class MeasuredDrawCapTests
{
    // Regression: in the end-to-end test, an OCPP charger's MeterValues still showed 16 A after its
    // limit had been lowered to 12.5 A; the balancer took 16 A out of the grid reading, saw room
    // that was not there, and raised the limits over the fuse again (a 60 A ↔ 67 A oscillation).
    [Fact]
    public void A_report_older_than_a_lowered_limit_counts_at_most_that_limit()
    {
        var sent = new SetpointState(12.5, DateTimeOffset.UnixEpoch, InFlight: false, Confirmed: true);

        Assert.Equal(new PhaseCurrents(12.5, 12.5, 3), SiteModel.CappedAtSetpoint(new PhaseValues(16, 16, 3), sent));
        Assert.Equal(new PhaseCurrents(0, 0, 0), SiteModel.CappedAtSetpoint(new PhaseValues(16, 16, 16), sent with { LimitA = 0 }));
        Assert.Equal(new PhaseCurrents(16, 16, 16), SiteModel.CappedAtSetpoint(new PhaseValues(16, 16, 16), null));
    }
}
