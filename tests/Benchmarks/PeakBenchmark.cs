using System.Globalization;
using System.Text.Json;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.LoadBalancer;
using ChargeNet.LoadBalancer.Peak;
using ChargeNet.LoadBalancer.Simulation;

namespace ChargeNet.Benchmarks;

/// <summary>
/// <c>simulate --sessions FILE --power-tariff FILE [--prices FILE] [--csv-dir DIR]</c>: replays the
/// trace on a 150 kW connection through the real allocator uncontrolled, fuse-only and peak-aware
/// (without and with departure times), and prints for each the billed peak under three tariff shapes,
/// the energy delivered and its cost (docs/load-balancing.md, "Peak target").
/// </summary>
internal static class PeakBenchmark
{
    public const double ConnectionKw = 150;

    /// <summary>The cars of the trace, when their departure is not known, are planned to stay this long.</summary>
    public static readonly TimeSpan AssumedStay = TimeSpan.FromHours(4);

    // The trace's own zone: the hours and days of a tariff are the site's.
    private static readonly TimeZoneInfo TraceZone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    public static IReadOnlyList<(string Name, PowerTariff Tariff)> Shapes { get; } =
    [
        ("highest hour", new PowerTariff { TimeZone = TraceZone }),
        ("3 highest weekday hours 07-19, one per day", new PowerTariff
        {
            TimeZone = TraceZone, Count = 3, OnePerDay = true, FromHour = 7, ToHour = 19,
            Days = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
        }),
        ("highest quarter-hour", new PowerTariff { TimeZone = TraceZone, Window = TimeSpan.FromMinutes(15) }),
    ];

    /// <summary>
    /// The modes, in table order, with the name of each one's CSV file: the four of issue 18, and with
    /// prices two more that shift energy to cheap quarter-hours (docs/load-balancing.md, "Cheap hours").
    /// </summary>
    public static IReadOnlyList<(string Name, string File, AcnModel Model)> Modes(PowerTariff tariff, EnergyPriceFile? prices) =>
    [
        ("uncontrolled", "uncontrolled.csv", new AcnModel(1_000_000, DeparturesKnown: false)),
        ("fuse-only (150 kW)", "fuse-only.csv", new AcnModel(ConnectionKw, DeparturesKnown: false)),
        ($"peak-aware, no departures (assumed {AssumedStay.TotalHours:0.#} h stay)", "peak.csv", new AcnModel(ConnectionKw, DeparturesKnown: false) { AssumedStay = AssumedStay, PowerTariff = tariff }),
        ("peak-aware, departures known", "peak-departures.csv", new AcnModel(ConnectionKw, DeparturesKnown: true) { PowerTariff = tariff }),
        .. prices is null ? Array.Empty<(string, string, AcnModel)>() :
        [
            ("fuse-only, departures known, cheap hours", "fuse-only-cheap.csv", new AcnModel(ConnectionKw, DeparturesKnown: true) { EnergyPriceAt = prices.PriceAt }),
            ("peak-aware, departures known, cheap hours", "peak-departures-cheap.csv", new AcnModel(ConnectionKw, DeparturesKnown: true) { PowerTariff = tariff, EnergyPriceAt = prices.PriceAt }),
        ],
    ];

    /// <summary>Reads a <c>grid.powerTariff</c> fragment (docs/examples) and checks it by the site.json rules; its zone becomes the trace's.</summary>
    /// <exception cref="FormatException">The fragment is not a valid power tariff; the message names the field.</exception>
    public static PowerTariff ReadTariff(string json)
    {
        PowerTariffSettings? settings;
        try
        {
            settings = SiteConfigurationReader.ReadPart<PowerTariffSettings>(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"powerTariff{ex.Path?.TrimStart('$')}: {ex.Message}", ex);
        }

        var problems = new List<string>();
        if (settings is null)
        {
            throw new FormatException("powerTariff: an object is required");
        }

        PowerTariffRules.Validate(settings, "powerTariff", (path, message) => problems.Add($"{path}: {message}"));
        return problems.Count > 0 ? throw new FormatException(string.Join("; ", problems)) : settings.ToTariff() with { TimeZone = TraceZone };
    }

    public static int Run(IReadOnlyList<ChargingSession> sessions, PowerTariff tariff, EnergyPriceFile? prices, string? csvDir, TextWriter output)
    {
        output.WriteLine($"Peak benchmark: {sessions.Count} sessions, {sessions.Sum(s => s.RequestedEnergyKwh):F3} kWh requested; ACN model, 208 V, 5-min periods, {ConnectionKw} kW connection; tariff shapes in America/Los_Angeles");
        output.WriteLine($"| mode | {string.Join(" | ", Shapes.Select(s => s.Name + " (kW)"))} | delivered % of requested | energy (kWh) | energy cost{(prices is null ? "" : $" ({prices.Currency})")} |");
        output.WriteLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", Shapes.Count + 3)));
        foreach (var (name, file, model) in Modes(tariff, prices))
        {
            var run = Replay(sessions, model, csvDir is null ? null : Path.Combine(csvDir, file));
            var peaks = Shapes.Select(s => Billed(s.Tariff, run.PowerKw).ToString("F2", CultureInfo.InvariantCulture));
            var cost = prices is null ? "-" : Cost(run.PowerKw, prices);
            output.WriteLine($"| {name} | {string.Join(" | ", peaks)} | {run.Metrics.DeliveredPercent:F3} | {run.Metrics.DeliveredKwh:F1} | {cost} |");
        }

        return 0;
    }

    /// <summary>One replay: its metrics and the power drawn in each period (kW, by period).</summary>
    public static (SimulationMetrics Metrics, SortedList<int, double> PowerKw) Replay(IReadOnlyList<ChargingSession> sessions, AcnModel model, string? csvPath)
    {
        var powerKw = new SortedList<int, double>();
        using var writer = csvPath is null ? null : CreateCsv(csvPath);
        var metrics = AcnSimulator.Run(
            sessions,
            new FairShareStrategy(),
            model,
            writer is null ? null : (period, id, currentA) => writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{period},{id},{currentA:R}")),
            (period, kw) => powerKw[period] = kw);
        return (metrics, powerKw);
    }

    /// <summary>The highest monthly billed peak (kW) of a replay's power under <paramref name="shape"/>.</summary>
    public static double Billed(PowerTariff shape, SortedList<int, double> powerKw)
    {
        var period = TimeSpan.FromMinutes(5);
        var readings = powerKw.Select(p => (TraceClock.At(p.Key, period), p.Value * 1000));
        return BilledPeakCalculator.Compute(shape, readings, period).Select(m => m.BilledW / 1000).DefaultIfEmpty(0).Max();
    }

    private static string Cost(SortedList<int, double> powerKw, EnergyPriceFile prices)
    {
        var period = TimeSpan.FromMinutes(5);
        var (cost, unpricedKwh) = (0.0, 0.0);
        foreach (var (p, kw) in powerKw)
        {
            var kwh = kw * period.TotalHours;
            if (prices.PriceAt(TraceClock.At(p, period)) is { } price)
            {
                cost += kwh * price;
            }
            else
            {
                unpricedKwh += kwh;
            }
        }

        return unpricedKwh > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{cost:F2} ({unpricedKwh:F1} kWh unpriced)")
            : cost.ToString("F2", CultureInfo.InvariantCulture);
    }

    private static StreamWriter CreateCsv(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var writer = new StreamWriter(path);
        writer.WriteLine("period,session_id,current_a");
        return writer;
    }
}
