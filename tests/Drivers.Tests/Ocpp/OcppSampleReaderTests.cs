using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;
using ChargeNet.Drivers.Ocpp.V16;
using ChargeNet.Drivers.Ocpp.V16.Messages;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>MeterValues into a connector's live state: phases known or not, and values that cannot be.</summary>
public sealed class OcppSampleReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_current_without_a_phase_is_put_on_every_phase_and_marked_as_not_split()
    {
        var live = OcppSampleReader.Apply(OcppConnectorLive.Empty(1, Now), [Values(Sample("Current.Import", "14.5"))], Now);

        Assert.Equal(new PhaseValues(14.5, 14.5, 14.5), live.CurrentA);
        Assert.False(live.PhasesKnown);
    }

    [Theory]
    [InlineData("3680", null, null, 3680.0)]
    [InlineData("11.04", "kW", null, 11040.0)]
    [InlineData("3680", "W", "L1-N", 11040.0)] // the same on each of the three phases, summed
    public void The_power_sampled_with_the_currents_is_kept_with_them_in_watts_summed_over_phases(string value, string? unit, string? phase, double expectedW)
    {
        SampledValue[] powers = phase is null
            ? [Sample("Power.Active.Import", value, unit: unit)]
            : [Sample("Power.Active.Import", value, "L1-N", unit), Sample("Power.Active.Import", value, "L2-N", unit), Sample("Power.Active.Import", value, "L3-N", unit)];

        var live = OcppSampleReader.Apply(OcppConnectorLive.Empty(1, Now), [Values([Sample("Current.Import", "16"), .. powers])], Now);

        Assert.Equal(expectedW, live.PowerW!.Value, 6);
    }

    [Fact]
    public void Powers_of_some_phases_only_make_no_total()
    {
        // A three-phase car's L1 and L2 alone would read as two phases' power.
        var live = OcppSampleReader.Apply(
            OcppConnectorLive.Empty(1, Now),
            [Values(Sample("Current.Import", "16"), Sample("Power.Active.Import", "3680", "L1-N"), Sample("Power.Active.Import", "3680", "L2-N"))],
            Now);

        Assert.Null(live.PowerW);
    }

    [Fact]
    public void A_power_is_never_paired_with_currents_of_another_meter_value()
    {
        var live = OcppSampleReader.Apply(OcppConnectorLive.Empty(1, Now), [Values(Sample("Current.Import", "16"), Sample("Power.Active.Import", "3680"))], Now);

        // A power alone leaves the currents' own as it was; new currents without a power have none.
        var alone = OcppSampleReader.Apply(live, [Values(Sample("Power.Active.Import", "11040"))], Now + TimeSpan.FromSeconds(10));
        var without = OcppSampleReader.Apply(live, [Values(Sample("Current.Import", "16"))], Now + TimeSpan.FromSeconds(10));

        Assert.Equal(3680, alone.PowerW);
        Assert.Null(without.PowerW);
    }

    [Fact]
    public void Per_phase_currents_are_known_a_neutral_current_is_ignored_and_win_over_a_phaseless_total()
    {
        var live = OcppSampleReader.Apply(
            OcppConnectorLive.Empty(1, Now) with { PhasesKnown = false },
            [Values(Sample("Current.Import", "30"), Sample("Current.Import", "10", "L1"), Sample("Current.Import", "11", "L2-N"), Sample("Current.Import", "12", "L3"), Sample("Current.Import", "3", "N"))],
            Now);

        Assert.Equal(new PhaseValues(10, 11, 12), live.CurrentA);
        Assert.True(live.PhasesKnown);
    }

    [Fact]
    public void Currents_are_measured_at_their_sample_time_and_energy_alone_does_not_move_it()
    {
        var sampledAt = Now - TimeSpan.FromSeconds(4);
        var live = OcppSampleReader.Apply(OcppConnectorLive.Empty(1, Now), [new MeterValue(sampledAt, [Sample("Current.Import", "10", "L1")])], Now);
        Assert.Equal(sampledAt, live.CurrentsMeasuredAt);

        live = OcppSampleReader.Apply(live, [Values(Sample("Energy.Active.Import.Register", "1000"))], Now + TimeSpan.FromSeconds(2));
        Assert.Equal(sampledAt, live.CurrentsMeasuredAt);
        Assert.Equal(Now + TimeSpan.FromSeconds(2), live.UpdatedAt);
    }

    [Theory]
    [InlineData(30.0)] // a charger clock ahead of the edge's
    [InlineData(-2 * 86400.0)] // older than a day: a clock never set
    public void A_sample_time_in_the_future_or_absurd_is_taken_as_the_receipt_time(double offsetS)
    {
        var live = OcppSampleReader.Apply(
            OcppConnectorLive.Empty(1, Now), [new MeterValue(Now + TimeSpan.FromSeconds(offsetS), [Sample("Current.Import", "10", "L1")])], Now);

        Assert.Equal(Now, live.CurrentsMeasuredAt);
    }

    public static TheoryData<string, string, string?, string> Impossible() => new()
    {
        { "Energy.Active.Import.Register", "1e308", "kWh", "Energy.Active.Import.Register (1e308 kWh) = Infinity" }, // 1e311 Wh overflows a double
        { "Energy.Active.Import.Register", "1e10", "kWh", "Energy.Active.Import.Register (1e10 kWh) = 1E+13 is outside" },
        { "Energy.Active.Import.Register", "-5", "Wh", "Energy.Active.Import.Register (-5 Wh) = -5 is outside" },
        { "Current.Import", "NaN", "A", "Current.Import L1 (NaN A) = NaN is not a finite number" },
        { "Current.Import", "1e309", "A", "Current.Import L1 (1e309 A) = Infinity is not a finite number" },
        { "Current.Import", "-40", "A", "Current.Import L1 (-40 A) = -40 is outside" },
        { "Current.Offered", "5000", "A", "Current.Offered L1 (5000 A) = 5000 is outside" },
        { "Current.Import", "twelve", "A", "Current.Import L1 = \"twelve\" is not a number" },
        { "Power.Active.Import", "1e308", "W", "Power.Active.Import (1e308 W) = 1E+308 is outside" },
    };

    [Theory]
    [MemberData(nameof(Impossible))]
    public void A_value_that_cannot_be_is_named_with_its_measurand_and_value(string measurand, string value, string? unit, string expected)
    {
        var phase = measurand.StartsWith("Current", StringComparison.Ordinal) ? "L1" : null;
        var problem = OcppSampleReader.FindProblem([Values(Sample("Current.Import", "16", "L1"), Sample(measurand, value, phase, unit))]);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_values_and_signed_data_are_fine()
    {
        Assert.Null(OcppSampleReader.FindProblem([Values(
            Sample("Current.Import", "16", "L1"), Sample("Current.Import", "-0.2", "L2"), Sample("Current.Offered", "32"),
            Sample("Energy.Active.Import.Register", "123456.7", unit: "kWh"), Sample("Power.Active.Import", "7.4", unit: "kW"),
            Sample("Voltage", "1e308"),
            new SampledValue("AB12CD", Format: "SignedData", Measurand: "Energy.Active.Import.Register"))]));
    }

    [Fact]
    public void An_offer_given_per_phase_is_the_most_offered_on_any_with_the_meter_values_time()
    {
        // A one-phase car on L1: the charger offers 16 A there and nothing on L2 and L3 — the last sample alone would say 0 A.
        var live = OcppSampleReader.Apply(
            OcppConnectorLive.Empty(1, Now),
            [Values(Sample("Current.Offered", "16", "L1"), Sample("Current.Offered", "0", "L2"), Sample("Current.Offered", "0", "L3"))],
            Now);

        Assert.Equal(16, live.OfferedA);
        Assert.Equal(Now, live.OfferedAt);

        // A later meter value without an offer keeps the last one, with its own time.
        var later = OcppSampleReader.Apply(live, [new MeterValue(Now.AddSeconds(10), [Sample("Current.Import", "6", "L1")])], Now.AddSeconds(10));
        Assert.Equal(16, later.OfferedA);
        Assert.Equal(Now, later.OfferedAt);
    }

    private static MeterValue Values(params SampledValue[] samples) => new(Now, samples);

    private static SampledValue Sample(string measurand, string value, string? phase = null, string? unit = null) =>
        new(value, Measurand: measurand, Phase: phase, Unit: unit);
}
