using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Pricing;
using static ChargeNet.EdgeAgent.Tests.Pricing.PricingFixtures;

namespace ChargeNet.EdgeAgent.Tests.Pricing;

/// <summary>
/// docs/pricing.md, "Splitting": the energy between two readings is spread evenly in time, so a reading
/// added at any instant — or the session cut in two there — never changes a figure by more than the
/// rounding of one component (0.01). Random sessions from a fixed seed, over period boundaries, spot
/// quarter-hours and both DST nights.
/// </summary>
public sealed class CostEngineSplitPropertyTests
{
    private const int Cases = 300;

    private static readonly DateTimeOffset[] Days =
    [
        T("2026-03-02T00:00+01:00"), T("2026-03-06T12:00+01:00"), T("2026-03-28T20:00+01:00"), T("2026-10-24T20:00+02:00"),
    ];

    private static readonly TariffSettings[] EnergyOnly =
    [
        Public,
        Public with { Spot = new SpotPriceSettings { Multiplier = 1.25m, MarkupPerKwh = 1.00m } },
        new TariffSettings { Id = "dst", EnergyPerKwh = 3.17m, Periods = [new() { From = "02:30", To = "04:00", EnergyPerKwh = 1.13m }, new() { From = "00:00", To = "06:00", EnergyPerKwh = 2.09m }] },
    ];

    [Fact]
    public void A_reading_added_at_any_instant_changes_the_total_by_at_most_one_rounding()
    {
        var random = new Random(15);
        for (var i = 0; i < Cases; i++)
        {
            var tariff = EnergyOnly[random.Next(EnergyOnly.Length)] with { PerHour = 1.37m };
            var usage = RandomSession(random);
            var (at, registerWh) = RandomInstant(random, usage);
            var whole = Cost(tariff, usage);

            var split = Cost(tariff, usage with { Readings = [.. usage.Readings, new EnergyReading(at, registerWh)] });

            Assert.True(Math.Abs(split.Total - whole.Total) <= 0.01m, $"case {i}: {whole} vs {split} with a reading at {at:O}");
            Assert.Equal(whole.EnergyWh, split.EnergyWh);
        }
    }

    [Fact]
    public void A_session_cut_in_two_at_any_instant_costs_the_same_within_one_rounding()
    {
        var random = new Random(61851);
        for (var i = 0; i < Cases; i++)
        {
            var tariff = EnergyOnly[random.Next(EnergyOnly.Length)];
            var usage = RandomSession(random);
            var (at, registerWh) = RandomInstant(random, usage);
            var cut = new EnergyReading(at, registerWh);
            var first = new SessionUsage { StartedAt = usage.StartedAt, StoppedAt = at, Readings = [.. usage.Readings.Where(r => r.At < at), cut] };
            var second = new SessionUsage { StartedAt = at, StoppedAt = usage.StoppedAt, Readings = [cut, .. usage.Readings.Where(r => r.At > at)] };

            var whole = Cost(tariff, usage);
            var parts = Cost(tariff, first).Total + Cost(tariff, second).Total;

            Assert.True(Math.Abs(parts - whole.Total) <= 0.01m, $"case {i}: {whole.Total} whole, {parts} in two at {at:O}");
        }
    }

    private static SessionCost Cost(TariffSettings tariff, SessionUsage usage) => Final(tariff, usage, Spot);

    /// <summary>Quarter-hours of spot prices over the first days, with a gap, so some energy is covered and some not.</summary>
    private static SpotPriceTable Spot { get; } = SpotPriceTable.Of("SEK", Enumerable.Range(0, 4 * 24 * 6)
        .Where(q => q % 50 < 40)
        .Select(q => new SpotPrice(Days[0].AddMinutes(15 * q), Days[0].AddMinutes(15 * (q + 1)), ((q * 37) % 300 / 100m) - 0.5m)));

    private static SessionUsage RandomSession(Random random)
    {
        var at = Days[random.Next(Days.Length)].AddMinutes(random.Next(0, 24 * 60));
        var register = (decimal)random.Next(0, 100_000);
        var readings = new List<EnergyReading> { new(at, register) };
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            at = at.AddSeconds(random.Next(1, 5 * 3600));
            register += random.Next(0, 20_000);
            readings.Add(new EnergyReading(at, register));
        }

        return new SessionUsage { StartedAt = readings[0].At, StoppedAt = at, Readings = readings };
    }

    /// <summary>An instant strictly inside the session and the register there, on the straight line between its readings.</summary>
    private static (DateTimeOffset At, decimal RegisterWh) RandomInstant(Random random, SessionUsage usage)
    {
        var start = usage.StartedAt;
        var length = (usage.StoppedAt!.Value - start).Ticks;
        var at = start.AddTicks(1 + (long)(random.NextDouble() * (length - 2)));
        var before = usage.Readings.Last(r => r.At <= at);
        var after = usage.Readings.First(r => r.At > at);
        var fraction = (decimal)(at - before.At).Ticks / (after.At - before.At).Ticks;
        return (at, before.RegisterWh + ((after.RegisterWh - before.RegisterWh) * fraction));
    }
}
