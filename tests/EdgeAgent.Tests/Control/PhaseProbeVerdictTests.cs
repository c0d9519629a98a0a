using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// What one probed limit change shows of a car's phases (docs/control-loop.md, "A car's phases from a probe"): the grid phases
/// that moved by about the change, back to the charger's phases through its rotation — and no verdict for anything one car
/// would not make.
/// </summary>
public sealed class PhaseProbeVerdictTests
{
    private static readonly PhaseCurrents Before = new(60, 55, 50);

    [Theory]
    [InlineData(PhaseRotation.L1L2L3, 6.0, 0, 0, 0b001)]
    [InlineData(PhaseRotation.L2L3L1, 0, 6.0, 0, 0b001)]
    [InlineData(PhaseRotation.L3L1L2, 0, 0, 6.0, 0b001)]
    [InlineData(PhaseRotation.L2L3L1, 0, 6.0, 6.0, 0b011)]
    [InlineData(PhaseRotation.L1L2L3, 6.0, 6.0, 6.0, 0b111)]
    [InlineData(PhaseRotation.L3L1L2, 5.6, 6.3, 5.9, 0b111)]
    public void A_cut_shows_the_charger_phases_that_carried_it(PhaseRotation rotation, double dropL1, double dropL2, double dropL3, int expected)
    {
        var after = new PhaseCurrents(Before.L1A - dropL1, Before.L2A - dropL2, Before.L3A - dropL3);

        Assert.Equal(expected, PhaseProbeVerdict.ChargerPhases(Before, after, -6, rotation));
    }

    [Fact]
    public void A_raise_shows_them_alike()
    {
        var after = new PhaseCurrents(Before.L1A, Before.L2A + 5.8, Before.L3A);

        Assert.Equal(0b001, PhaseProbeVerdict.ChargerPhases(Before, after, 6, PhaseRotation.L2L3L1));
    }

    [Fact]
    public void A_slow_base_load_on_the_other_phases_still_lets_a_one_phase_car_show()
    {
        // The bench's base-load sine moves a phase by up to about 0.8 A over the seconds a probe judges.
        var after = new PhaseCurrents(Before.L1A - 6.2, Before.L2A + 0.8, Before.L3A - 0.7);

        Assert.Equal(0b001, PhaseProbeVerdict.ChargerPhases(Before, after, -6, PhaseRotation.L1L2L3));
    }

    [Theory]
    [InlineData(0, 0, 0)] // the car did not follow
    [InlineData(6, 0, 3)] // another load moved meanwhile
    [InlineData(6, 2, 0)]
    [InlineData(6, 3.5, 6)] // phases far apart: more than one car
    [InlineData(14, 0, 0)] // far more than the change
    [InlineData(0, 6, 0)] // a one-phase car draws on its charger's L1, not L2
    [InlineData(-6, 0, 0)] // the wrong way
    [InlineData(6, 0, 6)] // L1 and L3: no car draws so
    public void What_one_car_would_not_make_is_no_verdict(double dropL1, double dropL2, double dropL3)
    {
        var after = new PhaseCurrents(Before.L1A - dropL1, Before.L2A - dropL2, Before.L3A - dropL3);

        Assert.Equal(0, PhaseProbeVerdict.ChargerPhases(Before, after, -6, PhaseRotation.L1L2L3));
    }

    [Fact]
    public void A_change_too_small_to_tell_from_the_noise_is_no_verdict()
    {
        var after = new PhaseCurrents(Before.L1A - 1.5, Before.L2A, Before.L3A);

        Assert.Equal(0, PhaseProbeVerdict.ChargerPhases(Before, after, -1.5, PhaseRotation.L1L2L3));
    }
}
