using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Pricing;
using static ChargeNet.EdgeAgent.Tests.Pricing.PricingFixtures;

namespace ChargeNet.EdgeAgent.Tests.Pricing;

/// <summary>
/// Golden cases of docs/pricing.md: each expected figure is worked out by hand in the comment above it,
/// never by the engine. 2026-03-02 is a Monday; Stockholm is +01:00 in winter, +02:00 in summer; the
/// clocks go forward at 01:00 UTC on 2026-03-29 and back at 01:00 UTC on 2026-10-25. VAT 25 % unless
/// said: vat = total × 25 / 125 = total / 5.
/// </summary>
public sealed class CostEngineGoldenTests
{
    private static readonly TariffSettings Night = new()
    {
        Id = "night",
        EnergyPerKwh = 3.00m,
        Periods =
        [
            new TariffPeriodSettings { From = "22:00", To = "24:00", EnergyPerKwh = 2.00m },
            new TariffPeriodSettings { From = "00:00", To = "06:00", EnergyPerKwh = 2.00m },
        ],
    };

    private static readonly TariffSettings SpotLinked = Public with { Spot = new SpotPriceSettings { Multiplier = 1.25m, MarkupPerKwh = 1.00m } };

    [Fact]
    public void G01_off_peak_evening()
    {
        // Mon 20:00–22:00, 10 kWh outside the period: 10 × 4.50 = 45.00; vat 45.00 / 5 = 9.00.
        var cost = Final(Public, Session(R("2026-03-02T20:00+01:00", 1000), R("2026-03-02T22:00+01:00", 11000)));
        AssertCost(cost, total: 45.00m, vat: 9.00m, energy: 45.00m, energyWh: 10000);
    }

    [Fact]
    public void G02_the_period_starts_at_07_00_between_two_readings()
    {
        // Mon 06:00–08:00, 10 kWh evenly: 5 kWh before 07:00 × 4.50 = 22.50, 5 kWh after × 5.50 = 27.50;
        // 50.00; vat 10.00.
        var cost = Final(Public, Session(R("2026-03-02T06:00+01:00", 0), R("2026-03-02T08:00+01:00", 10000)));
        AssertCost(cost, total: 50.00m, vat: 10.00m, energy: 50.00m, energyWh: 10000);
    }

    [Fact]
    public void G03_the_period_ends_at_19_00_on_a_reading()
    {
        // 18:00–19:00 6 kWh × 5.50 = 33.00; 19:00–20:00 4 kWh × 4.50 = 18.00 (19:00 is outside: "to" is
        // exclusive); 51.00; vat 10.20.
        var cost = Final(Public, Session(R("2026-03-02T18:00+01:00", 0), R("2026-03-02T19:00+01:00", 6000), R("2026-03-02T20:00+01:00", 10000)));
        AssertCost(cost, total: 51.00m, vat: 10.20m, energy: 51.00m, energyWh: 10000);
    }

    [Fact]
    public void G04_a_saturday_is_not_in_a_weekday_period()
    {
        // Sat 2026-03-07 10:00–12:00: 10 kWh × 4.50 = 45.00; vat 9.00.
        var cost = Final(Public, Session(R("2026-03-07T10:00+01:00", 0), R("2026-03-07T12:00+01:00", 10000)));
        AssertCost(cost, total: 45.00m, vat: 9.00m, energy: 45.00m, energyWh: 10000);
    }

    [Fact]
    public void G05_over_midnight_into_a_weekday_period()
    {
        // Sun 2026-03-08 22:00 to Mon 08:00, 20 kWh over 10 h (2 kWh an hour): Sun 22:00–Mon 07:00 is 9 h,
        // 18 kWh × 4.50 = 81.00; Mon 07:00–08:00 2 kWh × 5.50 = 11.00; 92.00; vat 18.40.
        var cost = Final(Public, Session(R("2026-03-08T22:00+01:00", 0), R("2026-03-09T08:00+01:00", 20000)));
        AssertCost(cost, total: 92.00m, vat: 18.40m, energy: 92.00m, energyWh: 20000);
    }

    [Fact]
    public void G06_a_night_price_split_at_midnight_into_two_periods()
    {
        // Mon 21:00 to Tue 01:00, 8 kWh (2 an hour): 21–22 2 × 3.00 = 6.00; 22–24 4 × 2.00 = 8.00;
        // 00–01 2 × 2.00 = 4.00; 18.00; vat 3.60.
        var cost = Final(Night, Session(R("2026-03-02T21:00+01:00", 0), R("2026-03-03T01:00+01:00", 8000)));
        AssertCost(cost, total: 18.00m, vat: 3.60m, energy: 18.00m, energyWh: 8000);
    }

    [Fact]
    public void G07_a_period_to_24_00()
    {
        // Period 19:00–24:00 at 3.00. Mon 23:00 to Tue 01:00, 2 kWh: 1 × 3.00 + 1 × 4.50 = 7.50; vat 1.50.
        var tariff = new TariffSettings { Id = "late", EnergyPerKwh = 4.50m, Periods = [new() { From = "19:00", To = "24:00", EnergyPerKwh = 3.00m }] };
        var cost = Final(tariff, Session(R("2026-03-02T23:00+01:00", 0), R("2026-03-03T01:00+01:00", 2000)));
        AssertCost(cost, total: 7.50m, vat: 1.50m, energy: 7.50m, energyWh: 2000);
    }

    [Fact]
    public void G08_the_first_matching_period_wins()
    {
        // 08–12 at 2.00 listed before 10–14 at 9.00. 09:00–13:00, 1 kWh an hour: 09–12 3 × 2.00 = 6.00
        // (10–12 is in both: the first wins); 12–13 1 × 9.00 = 9.00; 15.00; vat 3.00.
        var tariff = new TariffSettings
        {
            Id = "overlap",
            EnergyPerKwh = 4.00m,
            Periods = [new() { From = "08:00", To = "12:00", EnergyPerKwh = 2.00m }, new() { From = "10:00", To = "14:00", EnergyPerKwh = 9.00m }],
        };
        var cost = Final(tariff, Session(R("2026-03-02T09:00+01:00", 0), R("2026-03-02T13:00+01:00", 4000)));
        AssertCost(cost, total: 15.00m, vat: 3.00m, energy: 15.00m, energyWh: 4000);
    }

    [Fact]
    public void G09_dst_starts_the_night_has_23_hours()
    {
        // 2026-03-29: local 02:00 CET is 03:00 CEST (01:00 UTC). Period 03:00–05:00 local at 1.00 =
        // 01:00Z–03:00Z. 00:30Z–03:30Z, 3 kWh (1 an hour): 0.5 × 3.00 = 1.50; 2 × 1.00 = 2.00;
        // 0.5 × 3.00 = 1.50; energy 5.00. Time: 3 h elapsed (the clock shows 01:30 to 05:30) × 1.00 = 3.00.
        // Total 8.00; vat 1.60.
        var tariff = new TariffSettings { Id = "dst", EnergyPerKwh = 3.00m, PerHour = 1.00m, Periods = [new() { From = "03:00", To = "05:00", EnergyPerKwh = 1.00m }] };
        var cost = Final(tariff, Session(R("2026-03-29T00:30Z", 0), R("2026-03-29T03:30Z", 3000)));
        AssertCost(cost, total: 8.00m, vat: 1.60m, energy: 5.00m, time: 3.00m, energyWh: 3000);
    }

    [Fact]
    public void G10_dst_starts_inside_a_period_whose_start_never_happens()
    {
        // Period 02:30–04:00 local at 1.00; 02:30 does not exist on 2026-03-29: at 01:00Z the clock jumps
        // from 02:00 CET to 03:00 CEST, inside the period, which then runs to 04:00 CEST = 02:00Z.
        // 00:00Z–03:00Z, 3 kWh: 00–01Z 1 × 3.00; 01–02Z 1 × 1.00; 02–03Z 1 × 3.00; 7.00; vat 1.40.
        var tariff = new TariffSettings { Id = "dst", EnergyPerKwh = 3.00m, Periods = [new() { From = "02:30", To = "04:00", EnergyPerKwh = 1.00m }] };
        var cost = Final(tariff, Session(R("2026-03-29T00:00Z", 0), R("2026-03-29T03:00Z", 3000)));
        AssertCost(cost, total: 7.00m, vat: 1.40m, energy: 7.00m, energyWh: 3000);
    }

    [Fact]
    public void G11_dst_ends_the_hour_from_02_00_comes_twice()
    {
        // 2026-10-25: at 01:00Z the clock goes back from 03:00 CEST to 02:00 CET. Period 02:00–03:00 local
        // at 1.00 is 00:00Z–02:00Z (both 02:00 hours). 2026-10-24 23:30Z to 02:30Z, 3 kWh (1 an hour):
        // 0.5 × 3.00 = 1.50; 2 × 1.00 = 2.00; 0.5 × 3.00 = 1.50; energy 5.00. Time 3 h × 2.00 = 6.00
        // (the clock shows 01:30 to 03:30). Total 11.00; vat 2.20.
        var tariff = new TariffSettings { Id = "dst", EnergyPerKwh = 3.00m, PerHour = 2.00m, Periods = [new() { From = "02:00", To = "03:00", EnergyPerKwh = 1.00m }] };
        var cost = Final(tariff, Session(R("2026-10-24T23:30Z", 0), R("2026-10-25T02:30Z", 3000)));
        AssertCost(cost, total: 11.00m, vat: 2.20m, energy: 5.00m, time: 6.00m, energyWh: 3000);
    }

    [Fact]
    public void G12_min_cost_raises_the_total_only()
    {
        // 1 kWh × 4.50 = 4.50, below minCost 10.00: total 10.00 (the energy component stays 4.50); vat 2.00.
        var cost = Final(Public with { MinCost = 10.00m }, Session(R("2026-03-02T20:00+01:00", 0), R("2026-03-02T21:00+01:00", 1000)));
        AssertCost(cost, total: 10.00m, vat: 2.00m, energy: 4.50m, energyWh: 1000);
    }

    [Fact]
    public void G13_max_cost_lowers_the_total_only()
    {
        // 30 kWh × 4.50 = 135.00, above maxCost 100.00: total 100.00; vat 20.00.
        var cost = Final(Public with { MaxCost = 100.00m }, Session(R("2026-03-02T20:00+01:00", 0), R("2026-03-02T23:00+01:00", 30000)));
        AssertCost(cost, total: 100.00m, vat: 20.00m, energy: 135.00m, energyWh: 30000);
    }

    [Fact]
    public void G14_vat_is_rounded_half_away_from_zero()
    {
        // VAT 20 %: 1 kWh × 7.47 = 7.47; vat 7.47 × 20 / 120 = 1.245 → 1.25 (banker's rounding would give 1.24).
        var tariff = new TariffSettings { Id = "x", EnergyPerKwh = 7.47m };
        var cost = Final(tariff, Session(R("2026-03-02T20:00+01:00", 0), R("2026-03-02T21:00+01:00", 1000)), vatPercent: 20);
        AssertCost(cost, total: 7.47m, vat: 1.25m, energy: 7.47m, energyWh: 1000);
    }

    [Fact]
    public void G15_energy_is_rounded_half_away_from_zero()
    {
        // 0.5 kWh × 13.33 = 6.665 → 6.67 (banker's: 6.66); vat 6.67 / 5 = 1.334 → 1.33.
        var tariff = new TariffSettings { Id = "x", EnergyPerKwh = 13.33m };
        var cost = Final(tariff, Session(R("2026-03-02T20:00+01:00", 0), R("2026-03-02T21:00+01:00", 500)));
        AssertCost(cost, total: 6.67m, vat: 1.33m, energy: 6.67m, energyWh: 500);
    }

    [Fact]
    public void G16_each_component_is_rounded_before_the_sum()
    {
        // 0.5 kWh × 0.01 = 0.005 → 0.01; 0.5 h × 0.01 = 0.005 → 0.01; total 0.02 (not round(0.01) = 0.01);
        // vat 0.02 / 5 = 0.004 → 0.00.
        var tariff = new TariffSettings { Id = "x", EnergyPerKwh = 0.01m, PerHour = 0.01m };
        var cost = Final(tariff, Session(R("2026-03-02T20:00+01:00", 0), R("2026-03-02T20:30+01:00", 500)));
        AssertCost(cost, total: 0.02m, vat: 0.00m, energy: 0.01m, time: 0.01m, energyWh: 500);
    }

    [Fact]
    public void G17_zero_energy_pays_the_session_fee()
    {
        // The register did not move: energy 0.00; fee 5.00; total 5.00; vat 1.00.
        var cost = Final(Public with { SessionFee = 5.00m }, Session(R("2026-03-02T20:00+01:00", 1000), R("2026-03-02T21:00+01:00", 1000)));
        AssertCost(cost, total: 5.00m, vat: 1.00m, fee: 5.00m, energyWh: 0);
    }

    [Fact]
    public void G18_no_readings_at_all()
    {
        // Plugged in and out with no reading: nothing delivered, no per-hour price: 0.00.
        var usage = new SessionUsage { StartedAt = T("2026-03-02T20:00+01:00"), StoppedAt = T("2026-03-02T20:05+01:00") };
        AssertCost(Final(Public, usage), total: 0m, vat: 0m, energyWh: 0);
    }

    [Fact]
    public void G19_time_is_multiplied_before_it_is_divided()
    {
        // 1 h 20 min × 12.00 an hour = 16.00 exactly; vat 3.20.
        var usage = new SessionUsage { StartedAt = T("2026-03-02T20:00+01:00"), StoppedAt = T("2026-03-02T21:20+01:00") };
        AssertCost(Final(new TariffSettings { Id = "x", PerHour = 12.00m }, usage), total: 16.00m, vat: 3.20m, time: 16.00m, energyWh: 0);
    }

    [Fact]
    public void G20_idle_beyond_the_grace()
    {
        // Idle 21:00–23:00 = 2 h; less 30 min grace = 1.5 h × 60 = 90.00; vat 18.00.
        var cost = Final(Idler, IdleSession(new TimeRange(T("2026-03-02T21:00+01:00"), T("2026-03-02T23:00+01:00"))));
        AssertCost(cost, total: 90.00m, vat: 18.00m, idle: 90.00m, energyWh: 0);
    }

    [Fact]
    public void G21_idle_spans_add_up_before_the_grace()
    {
        // 20:10–20:30 (20 min) + 21:00–21:25 (25 min) = 45 min; less 30 = 15 min × 60 = 15.00; vat 3.00.
        var cost = Final(Idler, IdleSession(
            new TimeRange(T("2026-03-02T20:10+01:00"), T("2026-03-02T20:30+01:00")),
            new TimeRange(T("2026-03-02T21:00+01:00"), T("2026-03-02T21:25+01:00"))));
        AssertCost(cost, total: 15.00m, vat: 3.00m, idle: 15.00m, energyWh: 0);
    }

    [Fact]
    public void G22_overlapping_idle_spans_count_once()
    {
        // 21:00–22:00 and 21:30–22:30 cover 21:00–22:30 = 1.5 h; less 0.5 = 1 h × 60 = 60.00; vat 12.00.
        var cost = Final(Idler, IdleSession(
            new TimeRange(T("2026-03-02T21:00+01:00"), T("2026-03-02T22:00+01:00")),
            new TimeRange(T("2026-03-02T21:30+01:00"), T("2026-03-02T22:30+01:00"))));
        AssertCost(cost, total: 60.00m, vat: 12.00m, idle: 60.00m, energyWh: 0);
    }

    [Fact]
    public void G23_an_open_idle_span_ends_at_the_stop()
    {
        // Idle from 21:00, never closed; the session (20:00–23:00) stops at 23:00: 2 h − 0.5 = 1.5 × 60 = 90.00.
        var cost = Final(Idler, IdleSession(new TimeRange(T("2026-03-02T21:00+01:00"), DateTimeOffset.MaxValue)));
        AssertCost(cost, total: 90.00m, vat: 18.00m, idle: 90.00m, energyWh: 0);
    }

    [Fact]
    public void G24_idle_within_the_grace_is_free()
    {
        // 25 min idle, grace 30 min: 0.00.
        var cost = Final(Idler, IdleSession(new TimeRange(T("2026-03-02T21:00+01:00"), T("2026-03-02T21:25+01:00"))));
        AssertCost(cost, total: 0m, vat: 0m, energyWh: 0);
    }

    [Fact]
    public void G25_spot_prices_cover_the_session()
    {
        // Mon 10:00–10:30, 2 kWh (1 per quarter-hour). 10:00–10:15 spot 0.80 × 1.25 + 1.00 = 2.00;
        // 10:15–10:30 spot 1.20 × 1.25 + 1.00 = 2.50; 1 × 2.00 + 1 × 2.50 = 4.50; vat 0.90.
        var spot = SpotPriceTable.Of("SEK",
        [
            new SpotPrice(T("2026-03-02T10:00+01:00"), T("2026-03-02T10:15+01:00"), 0.80m),
            new SpotPrice(T("2026-03-02T10:15+01:00"), T("2026-03-02T10:30+01:00"), 1.20m),
        ]);
        var cost = Final(SpotLinked, MondayHalfHour, spot);
        AssertCost(cost, total: 4.50m, vat: 0.90m, energy: 4.50m, energyWh: 2000);
    }

    [Fact]
    public void G26_where_no_spot_price_covers_the_period_price_applies()
    {
        // Spot only for 10:00–10:15 (0.80 → 2.00); 10:15–10:30 is in the weekday period: 5.50.
        // 1 × 2.00 + 1 × 5.50 = 7.50; vat 1.50.
        var spot = SpotPriceTable.Of("SEK", [new SpotPrice(T("2026-03-02T10:00+01:00"), T("2026-03-02T10:15+01:00"), 0.80m)]);
        var cost = Final(SpotLinked, MondayHalfHour, spot);
        AssertCost(cost, total: 7.50m, vat: 1.50m, energy: 7.50m, energyWh: 2000);
    }

    [Fact]
    public void G27_spot_prices_in_another_currency_do_not_apply()
    {
        // EUR prices on a SEK site: the period price, 2 × 5.50 = 11.00; vat 2.20.
        var spot = SpotPriceTable.Of("EUR", [new SpotPrice(T("2026-03-02T10:00+01:00"), T("2026-03-02T10:30+01:00"), 0.08m)]);
        var cost = Final(SpotLinked, MondayHalfHour, spot);
        AssertCost(cost, total: 11.00m, vat: 2.20m, energy: 11.00m, energyWh: 2000);
    }

    [Fact]
    public void G28_a_tariff_without_a_spot_link_ignores_spot_prices()
    {
        // "public" has no spot: 2 × 5.50 = 11.00; vat 2.20.
        var spot = SpotPriceTable.Of("SEK", [new SpotPrice(T("2026-03-02T10:00+01:00"), T("2026-03-02T10:30+01:00"), 0.80m)]);
        var cost = Final(Public, MondayHalfHour, spot);
        AssertCost(cost, total: 11.00m, vat: 2.20m, energy: 11.00m, energyWh: 2000);
    }

    [Fact]
    public void G29_a_negative_spot_price_is_used_as_the_formula_gives_it()
    {
        // Spot −0.40 × 1.25 + 1.00 = 0.50; 2 kWh × 0.50 = 1.00; vat 0.20.
        var spot = SpotPriceTable.Of("SEK", [new SpotPrice(T("2026-03-02T10:00+01:00"), T("2026-03-02T10:30+01:00"), -0.40m)]);
        var cost = Final(SpotLinked, MondayHalfHour, spot);
        AssertCost(cost, total: 1.00m, vat: 0.20m, energy: 1.00m, energyWh: 2000);
    }

    [Fact]
    public void G30_an_offline_session_replayed_a_week_later_is_priced_by_its_own_timestamps()
    {
        // Readings replayed on 2026-03-10, out of order, of Mon 2026-03-02 06:30–07:30: 06:30–07:00 2 kWh
        // × 4.50 = 9.00; 07:00–07:30 3 kWh × 5.50 = 16.50; 25.50; vat 5.10. The moment of replay plays no part.
        var usage = Session(R("2026-03-02T07:30+01:00", 5000), R("2026-03-02T06:30+01:00", 0), R("2026-03-02T07:00+01:00", 2000));
        var replayedAt = T("2026-03-10T12:00+01:00");

        AssertCost(CostEngine.Running(Sek(Public), usage, SpotPriceTable.Empty, replayedAt), total: 25.50m, vat: 5.10m, energy: 25.50m, energyWh: 5000);
        AssertCost(Final(Public, usage), total: 25.50m, vat: 5.10m, energy: 25.50m, energyWh: 5000);
    }

    [Fact]
    public void G31_the_running_cost_of_an_unfinished_session()
    {
        // Started Mon 20:00, 3 kWh by 20:30, now 21:00: energy 3 × 4.50 = 13.50; time 1 h × 2.00 = 2.00;
        // 15.50; vat 3.10.
        var usage = new SessionUsage { StartedAt = T("2026-03-02T20:00+01:00"), Readings = [R("2026-03-02T20:00+01:00", 0), R("2026-03-02T20:30+01:00", 3000)] };
        var cost = CostEngine.Running(Sek(Public with { PerHour = 2.00m }), usage, SpotPriceTable.Empty, T("2026-03-02T21:00+01:00"));
        AssertCost(cost, total: 15.50m, vat: 3.10m, energy: 13.50m, time: 2.00m, energyWh: 3000);
    }

    [Fact]
    public void G32_two_readings_at_one_instant()
    {
        // 0.5 kWh reported at Mon 10:00 twice: delivered at 10:00, in the period: 0.5 × 5.50 = 2.75; vat 0.55.
        var cost = Final(Public, Session(R("2026-03-02T10:00+01:00", 0), R("2026-03-02T10:00+01:00", 500), R("2026-03-02T11:00+01:00", 500)));
        AssertCost(cost, total: 2.75m, vat: 0.55m, energy: 2.75m, energyWh: 500);
    }

    [Fact]
    public void G33_a_register_that_goes_down_adds_nothing()
    {
        // 0 → 2000 (+2000), → 100 (meter replaced: +0), → 1100 (+1000): 3 kWh × 4.50 = 13.50; vat 2.70.
        var cost = Final(Public, Session(
            R("2026-03-02T20:00+01:00", 0), R("2026-03-02T20:30+01:00", 2000), R("2026-03-02T20:40+01:00", 100), R("2026-03-02T21:00+01:00", 1100)));
        AssertCost(cost, total: 13.50m, vat: 2.70m, energy: 13.50m, energyWh: 3000);
    }

    [Fact]
    public void G34_every_component_and_the_maximum()
    {
        // Mon 18:00–21:00. Energy: 8 kWh 18:00–20:00 (4 an hour): 4 × 5.50 = 22.00 + 4 × 4.50 = 18.00 = 40.00.
        // Time 3 h × 10.00 = 30.00. Idle 20:00–21:00 = 1 h − 0.5 grace = 0.5 × 60 = 30.00. Fee 3.00.
        // Sum 103.00 → maxCost 80.00; vat 16.00.
        var tariff = Public with { PerHour = 10.00m, SessionFee = 3.00m, IdlePerHour = 60m, IdleGraceMinutes = 30, MaxCost = 80.00m };
        var usage = Session(R("2026-03-02T18:00+01:00", 0), R("2026-03-02T20:00+01:00", 8000), R("2026-03-02T21:00+01:00", 8000)) with
        {
            IdleSpans = [new TimeRange(T("2026-03-02T20:00+01:00"), T("2026-03-02T21:00+01:00"))],
        };
        AssertCost(Final(tariff, usage), total: 80.00m, vat: 16.00m, energy: 40.00m, time: 30.00m, idle: 30.00m, fee: 3.00m, energyWh: 8000);
    }

    [Fact]
    public void G35_fractional_watt_hours()
    {
        // 1234.5 Wh = 1.2345 kWh × 4.50 = 5.55525 → 5.56; vat 5.56 / 5 = 1.112 → 1.11.
        var cost = Final(Public, Session(R("2026-03-02T20:00+01:00", 0), R("2026-03-02T20:07+01:00", 1234.5m)));
        AssertCost(cost, total: 5.56m, vat: 1.11m, energy: 5.56m, energyWh: 1234.5m);
    }

    [Fact]
    public void G36_dst_ends_inside_a_weekday_period_tariff_on_a_sunday_night()
    {
        // "public" on 2026-10-25 (Sunday) 00:00Z–02:00Z: no weekday period; 2 kWh × 4.50 = 9.00 whatever the
        // clock does at 01:00Z; vat 1.80.
        var cost = Final(Public, Session(R("2026-10-25T00:00Z", 0), R("2026-10-25T02:00Z", 2000)));
        AssertCost(cost, total: 9.00m, vat: 1.80m, energy: 9.00m, energyWh: 2000);
    }

    /// <summary>Mon 2026-03-02 10:00–10:30 (in the weekday period), 2 kWh: 1 kWh in each quarter-hour.</summary>
    private static SessionUsage MondayHalfHour { get; } = Session(R("2026-03-02T10:00+01:00", 0), R("2026-03-02T10:30+01:00", 2000));

    private static TariffSettings Idler { get; } = new() { Id = "idle", IdlePerHour = 60m, IdleGraceMinutes = 30 };

    private static SessionUsage IdleSession(params TimeRange[] idle) => new()
    {
        StartedAt = T("2026-03-02T20:00+01:00"),
        StoppedAt = T("2026-03-02T23:00+01:00"),
        IdleSpans = idle,
    };

    private static void AssertCost(
        SessionCost cost, decimal total, decimal vat, decimal energy = 0, decimal time = 0, decimal idle = 0, decimal fee = 0, decimal energyWh = 0)
    {
        Assert.Equal(
            new { total, vat, energy, time, idle, fee, energyWh, currency = "SEK" },
            new { total = cost.Total, vat = cost.Vat, energy = cost.Energy, time = cost.Time, idle = cost.Idle, fee = cost.Fee, energyWh = cost.EnergyWh, currency = cost.Currency });
    }
}
