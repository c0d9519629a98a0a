using System.Globalization;
using ChargeNet.LoadBalancer.Simulation;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>
/// The simulator on three real days of the Caltech ACN (Data/README.md), checked by an independent
/// re-scoring of the pilots it reports: the README's rules applied again to the CSV it writes.
/// </summary>
public sealed class AcnSimulatorTests
{
    internal static readonly IReadOnlyList<ChargingSession> Sessions = Load();

    [Theory]
    [InlineData(10, true)]
    [InlineData(10, false)]
    [InlineData(30, true)]
    public void An_independent_rescoring_of_the_written_pilots_agrees_and_no_period_exceeds_the_capacity(double capacityKw, bool departures)
    {
        var model = new AcnModel(capacityKw, departures);
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        csv.WriteLine("period,session_id,current_a");
        var metrics = AcnSimulator.Run(Sessions, new FairShareStrategy(), model, (period, id, currentA) =>
            csv.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{period},{id},{currentA:R}")));

        var rescored = Rescore(csv.ToString(), capacityKw);

        Assert.Equal(metrics.DeliveredKwh, rescored.DeliveredKwh, 6);
        Assert.Empty(rescored.Problems);
        Assert.Equal(0, metrics.SecondsAboveLimit);
        Assert.True(metrics.PeakCurrentA <= model.LimitA + 1e-9);
    }

    [Fact]
    public void Knowing_departures_delivers_more_when_capacity_is_short()
    {
        var withDepartures = AcnSimulator.Run(Sessions, new FairShareStrategy(), new AcnModel(10, DeparturesKnown: true));
        var fairOnly = AcnSimulator.Run(Sessions, new FairShareStrategy(), new AcnModel(10, DeparturesKnown: false));
        var equalShare = AcnSimulator.Run(Sessions, new EqualShareStrategy(), new AcnModel(10, DeparturesKnown: false));

        Assert.True(withDepartures.DeliveredKwh > fairOnly.DeliveredKwh, $"{withDepartures.DeliveredKwh} vs {fairOnly.DeliveredKwh}");
        Assert.True(fairOnly.DeliveredKwh >= equalShare.DeliveredKwh - 1e-9, $"{fairOnly.DeliveredKwh} vs {equalShare.DeliveredKwh}");
        Assert.InRange(withDepartures.DeliveredPercent, 0, 100);
    }

    [Fact]
    public void A_bad_trace_row_is_refused_with_its_line_and_field()
    {
        var text = "arrival_period,departure_period,estimated_departure_period,requested_energy_kwh,max_power_kw,station_id,session_id\n" +
                   "76,92,92,4.216,6.6,CA-315,a\n" +
                   "85,91,91,-1,6.6,CA-321,b\n";

        var error = Assert.Throws<FormatException>(() => SessionTraceCsv.Read(new StringReader(text)));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("requested_energy_kwh", error.Message, StringComparison.Ordinal);
    }

    // The README's model, applied to the pilots alone: every session charges in its periods, draws
    // min(pilot × 208 V, 6.6 kW, what is left), and the pilots of a period sum to at most the limit.
    internal static (double DeliveredKwh, List<string> Problems) Rescore(string csv, double capacityKw)
    {
        var byId = Sessions.ToDictionary(s => s.SessionId);
        var remaining = Sessions.ToDictionary(s => s.SessionId, s => s.RequestedEnergyKwh);
        var perPeriod = new SortedDictionary<int, List<(string Id, double PilotA)>>();
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1))
        {
            var fields = line.Split(',');
            var period = int.Parse(fields[0], CultureInfo.InvariantCulture);
            if (!perPeriod.TryGetValue(period, out var pilots))
            {
                perPeriod[period] = pilots = [];
            }

            pilots.Add((fields[1], double.Parse(fields[2], CultureInfo.InvariantCulture)));
        }

        var problems = new List<string>();
        var limitA = capacityKw * 1000 / 208;
        foreach (var (period, pilots) in perPeriod)
        {
            if (pilots.Sum(p => p.PilotA) > limitA + 1e-9)
            {
                problems.Add($"period {period}: pilots sum to {pilots.Sum(p => p.PilotA)} A over {limitA} A");
            }

            foreach (var (id, pilotA) in pilots)
            {
                var session = byId[id];
                if (period < session.ArrivalPeriod || period >= session.DeparturePeriod || pilotA < 0 || pilotA > 32)
                {
                    problems.Add($"period {period}: {pilotA} A for {id} outside its stay or [0, 32] A");
                }

                remaining[id] -= Math.Min(Math.Min(pilotA * 208 / 1000, session.MaxPowerKw), remaining[id] * 12) / 12;
            }
        }

        problems.AddRange(remaining.Where(r => r.Value < -1e-9).Select(r => $"{r.Key}: delivered more than requested"));
        return (Sessions.Sum(s => s.RequestedEnergyKwh) - remaining.Values.Sum(), problems);
    }

    private static IReadOnlyList<ChargingSession> Load()
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "Data", "acn-caltech-2019-03-first-3-days.sessions.csv"));
        return SessionTraceCsv.Read(reader);
    }
}
