using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>The phases of a car whose charger reports its current without a phase, from its power: sampled, or its energy counter's rise.</summary>
public sealed class PhasesFromPowerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = DemoConnector.Now;

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

    // 16 A: one phase 3,680 W, three 11,040 W. A register in kWh with two decimals (10 Wh steps), read 5 s apart: a
    // three-phase car's 15.3 Wh shows as 10 or 20 Wh — 10 is two phases' worth, and the car would be counted on two.
    [Theory]
    [InlineData(12_340, 12_350, 5, 0)] // 10 Wh in 5 s with 10 Wh steps: 0 to 20 Wh, nothing learnt
    [InlineData(12_340, 12_360, 10, 0)] // 20 Wh in 10 s: 10 to 30 Wh, one to three phases, nothing learnt
    [InlineData(12_340, 12_520, 60, 0b111)] // 180 Wh in 60 s: 170 to 190 Wh, three phases whatever the steps
    [InlineData(12_345, 12_360, 5, 0b111)] // a register in whole Wh: 15 Wh in 5 s is three phases
    public void A_rise_is_judged_only_where_a_register_step_either_way_gives_the_same_phases(double fromWh, double toWh, double seconds, int expectedMask)
    {
        var earlier = Report(T0, 16, fromWh, phasesKnown: false);
        var later = Report(T0.AddSeconds(seconds), 16, toWh, phasesKnown: false);

        Assert.Equal(expectedMask, PhasesFromEnergy.Mask(earlier, later, 3));
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

    [Theory]
    [InlineData(3680, 0b001)]
    [InlineData(11040, 0b111)]
    [InlineData(7360 * 0.75, 0)] // 1.5 phases: between the bands, nothing learnt
    public void The_power_sampled_with_the_current_tells_the_phases_at_once(double powerW, int expectedMask)
    {
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.ReportPhaseless(16, 1000, Now.AddSeconds(-20));

        // The next report only a second later: too soon for the energy, not for the power.
        connector.ReportPhaseless(16, 1000.5, Now.AddSeconds(-19), powerW);

        Assert.Equal(expectedMask, connector.Runtime.Car.PhaseMask);
    }

    [Fact]
    public void A_power_sampled_after_a_cut_since_the_report_before_teaches_nothing()
    {
        // Cut 32 → 10 A after the report before, raised back to 32 A: a charger that averages the current over its
        // interval may report 16 A beside the power of a three-phase car at 10 A (6,900 W: 1.9 phases) — or less.
        var connector = DemoConnector.WithLimit(32, sentAt: Now.AddMinutes(-5));
        connector.ReportPhaseless(16, 1000, Now.AddSeconds(-70));
        connector.Send(10, Now.AddSeconds(-60));
        connector.Send(32, Now.AddSeconds(-30));
        connector.ReportPhaseless(16, 1100, Now.AddSeconds(-10), powerW: 3680);

        Assert.Equal(0, connector.Runtime.Car.PhaseMask);
    }

    [Fact]
    public void A_new_cars_first_status_beside_the_last_cars_sample_teaches_nothing()
    {
        // The last car's one-phase sample; a new car is plugged in, and its StatusNotification re-stamps those currents.
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.ReportPhaseless(16, 1000, Now.AddSeconds(-70));
        connector.ReportPhaseless(16, 1010.22, Now.AddSeconds(-60), powerW: 3680);
        var last = connector.Runtime.Status!;
        var plugged = last with { Timestamp = Now.AddSeconds(-5), CurrentsMeasuredAt = last.CurrentsAt };

        var car = DrawEstimator.Learn(CarDrawModel.Unknown, last, plugged, connector.Runtime.History, DemoConnector.ResponseTime, 3);

        Assert.Equal(0b001, connector.Runtime.Car.PhaseMask);
        Assert.Equal(0, car.PhaseMask);
    }

    [Fact]
    public void Where_the_power_and_the_energy_disagree_the_car_counts_on_the_phases_of_either()
    {
        // The energy rose by three phases' worth in 10 s, the sample says one: every phase counts.
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.ReportPhaseless(16, 1000, Now.AddSeconds(-20));
        connector.ReportPhaseless(16, 1030.67, Now.AddSeconds(-10), powerW: 3680);

        Assert.Equal(0b111, connector.Runtime.Car.PhaseMask);
    }

    [Fact]
    public void A_cut_between_the_reports_teaches_nothing()
    {
        // A three-phase car at 16 A, cut to 6 A for most of the interval and raised back: at both reports it draws 16 A,
        // but its energy rose by what one phase at 16 A gives. Judged on the energy alone it would be counted on one phase.
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.ReportPhaseless(16, 1000, Now.AddSeconds(-30));
        connector.Send(6, Now.AddSeconds(-29));
        connector.Send(16, Now.AddSeconds(-24));
        connector.ReportPhaseless(16, 1010.22, Now.AddSeconds(-20));

        Assert.Equal(0b001, PhasesFromEnergy.Mask(Report(T0, 16, 1000, false), Report(T0.AddSeconds(10), 16, 1010.22, false), 3));
        Assert.Equal(0, connector.Runtime.Car.PhaseMask);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(11040.0)]
    public void A_current_above_the_limit_in_force_is_no_one_phases_and_teaches_nothing(double? powerW)
    {
        // A charger that reports the sum of its phases: a three-phase car at its 16 A limit reads 48 A, and its energy and
        // power are one 48 A phase's. Taken for one phase, it would be counted 48 A on L1 and nothing on L2 and L3.
        var connector = DemoConnector.WithLimit(16, sentAt: Now.AddMinutes(-5));
        connector.ReportPhaseless(48, 1000, Now.AddSeconds(-20), powerW);
        connector.ReportPhaseless(48, 1030.67, Now.AddSeconds(-10), powerW);

        Assert.Equal(0b001, PhasesFromEnergy.Mask(Report(T0, 48, 1000, false), Report(T0.AddSeconds(10), 48, 1030.67, false), 3));
        Assert.Equal(0, connector.Runtime.Car.PhaseMask);
    }

    private static ConnectorStatus Report(DateTimeOffset at, double currentA, double energyWh, bool phasesKnown) =>
        new(1, ConnectorState.Charging, new PhaseValues(currentA, currentA, currentA), energyWh, null, at, phasesKnown);
}
