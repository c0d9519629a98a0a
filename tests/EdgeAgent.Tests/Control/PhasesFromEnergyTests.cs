using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>The phases of a car whose charger reports its current without a phase, from its energy counter.</summary>
public sealed class PhasesFromEnergyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    // 16 A for 10 s: one phase at 230 V is 3,680 W → 10.22 Wh; three phases 30.67 Wh.
    [Theory]
    [InlineData(16, 10, 10.22, 3, 0b001)]
    [InlineData(16, 10, 20.44, 3, 0b011)]
    [InlineData(16, 10, 30.67, 3, 0b111)]
    [InlineData(16, 10, 30.67 * 1.1, 3, 0b111)] // 253 V: still three phases
    [InlineData(16, 10, 10.22 * 0.9, 3, 0b001)] // 207 V: still one
    [InlineData(16, 10, 30.67, 1, 0)] // three phases' worth on a one-phase charger: nothing learnt
    [InlineData(16, 10, 15.3, 3, 0)] // 1.5 phases: between the bands, nothing learnt
    public void The_energy_rise_over_the_current_gives_the_phases(double currentA, double seconds, double wh, int wiredPhases, int expectedMask)
    {
        var earlier = Report(T0, currentA, 1000, phasesKnown: false);
        var later = Report(T0.AddSeconds(seconds), currentA, 1000 + wh, phasesKnown: false);

        Assert.Equal(expectedMask, PhasesFromEnergy.Mask(earlier, later, wiredPhases));
    }

    [Fact]
    public void Reports_that_cannot_tell_teach_nothing()
    {
        var earlier = Report(T0, 16, 1000, phasesKnown: false);

        // Too close, too far apart, a current that changed, too little current, or phases of their own.
        Assert.Equal(0, PhasesFromEnergy.Mask(earlier, Report(T0.AddSeconds(2), 16, 1002.04, false), 3));
        Assert.Equal(0, PhasesFromEnergy.Mask(earlier, Report(T0.AddMinutes(5), 16, 1306.7, false), 3));
        Assert.Equal(0, PhasesFromEnergy.Mask(earlier, Report(T0.AddSeconds(10), 8, 1010.22, false), 3));
        Assert.Equal(0, PhasesFromEnergy.Mask(Report(T0, 3, 1000, false), Report(T0.AddSeconds(10), 3, 1001.9, false), 3));
        Assert.Equal(0, PhasesFromEnergy.Mask(earlier, Report(T0.AddSeconds(10), 16, 1010.22, true), 3));
    }

    [Fact]
    public void A_one_phase_car_behind_a_phaseless_charger_is_counted_on_one_phase_once_its_energy_shows_it()
    {
        var history = LimitHistory.Start(32).Sent(16, T0.AddMinutes(-5)).Answered(T0.AddMinutes(-5), LimitEpochState.Accepted, T0.AddMinutes(-5));
        var earlier = Report(T0, 16, 1000, phasesKnown: false);
        var later = Report(T0.AddSeconds(10), 16, 1010.22, phasesKnown: false);

        var first = DrawEstimator.Learn(CarDrawModel.Unknown, null, earlier, history, TimeSpan.FromSeconds(5), 3);
        var second = DrawEstimator.Learn(first, earlier, later, history, TimeSpan.FromSeconds(5), 3);

        Assert.Equal(0, first.PhaseMask);
        Assert.Equal(0b001, second.PhaseMask);
    }

    private static ConnectorStatus Report(DateTimeOffset at, double currentA, double energyWh, bool phasesKnown) =>
        new(1, ConnectorState.Charging, new PhaseValues(currentA, currentA, currentA), energyWh, null, at, phasesKnown);
}
