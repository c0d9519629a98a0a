using System.Globalization;
using ChargeNet.LoadBalancer;
using ChargeNet.LoadBalancer.Simulation;

namespace ChargeNet.Benchmarks;

/// <summary>
/// <c>simulate --sessions FILE [--csv-dir DIR] [--csv-capacity KW] [--phase-model]</c>: replays the trace
/// through every strategy in the README's model at its 27 capacities and prints the comparison table;
/// optionally writes each strategy's pilots (period,session_id,current_a) at one capacity as CSV.
/// With <c>--power-tariff FILE [--prices FILE]</c> it runs the peak benchmark instead (<see cref="PeakBenchmark"/>).
/// </summary>
internal static class SimulateCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        string? sessionsPath = null;
        string? csvDir = null;
        var csvCapacityKw = 10.0;
        var phaseModel = false;
        string? tariffPath = null;
        string? pricesPath = null;
        for (var a = 0; a < args.Length; a++)
        {
            switch (args[a])
            {
                case "--sessions" when a + 1 < args.Length: sessionsPath = args[++a]; break;
                case "--csv-dir" when a + 1 < args.Length: csvDir = args[++a]; break;
                case "--csv-capacity" when a + 1 < args.Length: csvCapacityKw = double.Parse(args[++a], CultureInfo.InvariantCulture); break;
                case "--phase-model": phaseModel = true; break;
                case "--power-tariff" when a + 1 < args.Length: tariffPath = args[++a]; break;
                case "--prices" when a + 1 < args.Length: pricesPath = args[++a]; break;
                default:
                    Console.Error.WriteLine($"simulate: unknown or incomplete option '{args[a]}'");
                    return 2;
            }
        }

        if (sessionsPath is null)
        {
            Console.Error.WriteLine("simulate: --sessions FILE is required");
            return 2;
        }

        IReadOnlyList<ChargingSession> sessions;
        using (var reader = File.OpenText(sessionsPath))
        {
            sessions = SessionTraceCsv.Read(reader);
        }

        if (tariffPath is not null)
        {
            return RunPeak(sessions, tariffPath, pricesPath, csvDir, output);
        }

        output.WriteLine($"{sessions.Count} sessions, {sessions.Sum(s => s.RequestedEnergyKwh):F3} kWh requested");
        output.WriteLine();
        var table = new List<(string Name, IReadOnlyList<SimulationMetrics> Runs)>();
        foreach (var (strategy, departures, assumedStay) in Contenders())
        {
            var runs = new List<SimulationMetrics>();
            foreach (var capacityKw in AcnModel.StandardCapacitiesKw)
            {
                var model = new AcnModel(capacityKw, departures) { AssumedStay = assumedStay };
                if (csvDir is not null && capacityKw == csvCapacityKw)
                {
                    runs.Add(WithCsv(sessions, strategy, model, csvDir));
                }
                else
                {
                    runs.Add(AcnSimulator.Run(sessions, strategy, model));
                }
            }

            table.Add((runs[0].Strategy, runs));
        }

        AcnTable.Write(table, output);
        if (phaseModel)
        {
            output.WriteLine();
            PhaseModelTable.Write(sessions, Contenders(), output);
        }

        return 0;
    }

    private static int RunPeak(IReadOnlyList<ChargingSession> sessions, string tariffPath, string? pricesPath, string? csvDir, TextWriter output)
    {
        try
        {
            var tariff = PeakBenchmark.ReadTariff(File.ReadAllText(tariffPath));
            var prices = pricesPath is null ? null : EnergyPriceFile.Read(File.ReadAllText(pricesPath));
            return PeakBenchmark.Run(sessions, tariff, prices, csvDir, output);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or IOException)
        {
            Console.Error.WriteLine($"simulate: {ex.Message}");
            return 2;
        }
    }

    public static IEnumerable<(IAllocationStrategy Strategy, bool Departures, TimeSpan? AssumedStay)> Contenders() =>
    [
        (new EqualShareStrategy(), false, null),
        (new FirstComeFirstServedStrategy(), false, null),
        (new FairShareStrategy(), false, null),
        (new FairShareStrategy(), false, TimeSpan.FromHours(8)),
        (new FairShareStrategy(), true, null),
    ];

    private static SimulationMetrics WithCsv(IReadOnlyList<ChargingSession> sessions, IAllocationStrategy strategy, AcnModel model, string csvDir)
    {
        Directory.CreateDirectory(csvDir);
        var variant = model.DeparturesKnown ? "-departures" : model.AssumedStay is { } stay ? $"-assumed-{stay.TotalHours.ToString(CultureInfo.InvariantCulture)}h" : "";
        var name = $"{strategy.Name}{variant}-{model.CapacityKw.ToString(CultureInfo.InvariantCulture)}kW.csv";
        using var writer = new StreamWriter(Path.Combine(csvDir, name));
        writer.WriteLine("period,session_id,current_a");
        return AcnSimulator.Run(sessions, strategy, model, (period, id, currentA) =>
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{period},{id},{currentA:R}")));
    }
}
