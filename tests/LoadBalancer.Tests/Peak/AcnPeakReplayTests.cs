using System.Globalization;
using ChargeNet.LoadBalancer.Peak;
using ChargeNet.LoadBalancer.Simulation;

namespace ChargeNet.LoadBalancer.Tests.Peak;

/// <summary>
/// The peak-aware replay on three real days of the Caltech ACN (Data/README.md), the month's run being
/// the benchmark's (docs/load-balancing.md, "The peak benchmark"): the pilots it writes re-score to the
/// energy it reports, no period exceeds the connection, and the highest hour comes down while the
/// cars still get what the fuse-only run gives them.
/// </summary>
public sealed class AcnPeakReplayTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);
    private static readonly PowerTariff HighestHour = new() { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles") };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_peak_aware_replay_lowers_the_highest_hour_and_its_written_pilots_rescore_to_what_it_reports(bool departures)
    {
        var fuseOnly = Replay(new AcnModel(150, departures), out _, out var fusePowerKw);
        var model = new AcnModel(150, departures) { PowerTariff = HighestHour, AssumedStay = departures ? null : TimeSpan.FromHours(4) };

        var peak = Replay(model, out var csv, out var peakPowerKw);

        var rescored = AcnSimulatorTests.Rescore(csv, 150);
        Assert.Empty(rescored.Problems);
        Assert.Equal(peak.DeliveredKwh, rescored.DeliveredKwh, 6);
        Assert.Equal(peak.DeliveredKwh, peakPowerKw.Values.Sum() * Period.TotalHours, 6);
        var fuseHourKw = HighestHourKw(fusePowerKw);
        var peakHourKw = HighestHourKw(peakPowerKw);
        Assert.True(peakHourKw < 0.8 * fuseHourKw, $"highest hour {peakHourKw:F2} kW against {fuseHourKw:F2} kW fuse-only");
        Assert.True(peak.DeliveredKwh >= 0.99 * fuseOnly.DeliveredKwh, $"{peak.DeliveredKwh:F1} kWh against {fuseOnly.DeliveredKwh:F1} kWh fuse-only");
    }

    private static SimulationMetrics Replay(AcnModel model, out string csv, out SortedList<int, double> powerKw)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.WriteLine("period,session_id,current_a");
        var power = new SortedList<int, double>();
        var metrics = AcnSimulator.Run(
            AcnSimulatorTests.Sessions,
            new FairShareStrategy(),
            model,
            (period, id, currentA) => writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{period},{id},{currentA:R}")),
            (period, kw) => power[period] = kw);
        (csv, powerKw) = (writer.ToString(), power);
        return metrics;
    }

    private static double HighestHourKw(SortedList<int, double> powerKw) =>
        BilledPeakCalculator.Compute(HighestHour, powerKw.Select(p => (TraceClock.At(p.Key, Period), p.Value * 1000)), Period).Max(m => m.BilledW) / 1000;
}
