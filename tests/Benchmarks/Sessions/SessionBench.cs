using System.Diagnostics;
using System.Globalization;
using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Sessions;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.Benchmarks.Sessions;

/// <summary>
/// <c>-- sessions [transactions] [meterValues]</c>: OCPP transactions through the daemon's session
/// producer (<see cref="OcppSessionLedger"/> over a real LiteDB file in a temporary directory, each
/// call durable before it returns): StartTransaction, N MeterValues with an energy register reading,
/// StopTransaction (key, finished session with its readings, and its outbox copy in one write). Prints
/// the latency of each kind of call and the size of the file per session. One transaction at a time,
/// as one charger sends them.
/// </summary>
public static class SessionBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var transactions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        var meterValues = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 12;
        var dataDir = Directory.CreateTempSubdirectory("session-bench-").FullName;
        try
        {
            var (start, values, stop) = (new List<double>(), new List<double>(), new List<double>());
            using (var store = LiteEdgeStore.Open(dataDir))
            {
                var ledger = OcppSessionLedger.Over(store);
                var t0 = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
                var clock = Stopwatch.StartNew();
                for (var n = 0; n < transactions; n++)
                {
                    var at = t0.AddHours(n);
                    var began = Stopwatch.GetTimestamp();
                    var id = await ledger.StartTransactionAsync(new OcppTransactionStart($"B:s-{n}", "BENCH", 1, "TAG", n * 10_000L, at, null), CancellationToken.None);
                    start.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                    for (var m = 1; m <= meterValues; m++)
                    {
                        var reading = new MeterValue(at.AddMinutes(5 * m), [new SampledValue((n * 10_000L + m * 500).ToString(CultureInfo.InvariantCulture))]);
                        began = Stopwatch.GetTimestamp();
                        await ledger.RecordMeterValuesAsync(new OcppMeterValuesRecord($"B:mv-{n}-{m}", "BENCH", 1, id, [reading]), CancellationToken.None);
                        values.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                    }

                    began = Stopwatch.GetTimestamp();
                    await ledger.StopTransactionAsync(new OcppTransactionStop($"B:e-{n}", "BENCH", id, "TAG", n * 10_000L + 9_000, at.AddMinutes(5 * (meterValues + 1)), "Local", []), CancellationToken.None);
                    stop.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                }

                Console.WriteLine($"{transactions} transactions with {meterValues} MeterValues each in {clock.Elapsed.TotalSeconds:0.0} s; {Environment.ProcessorCount} cores; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
            }

            Print("StartTransaction", start);
            Print("MeterValues", values);
            Print("StopTransaction", stop);
            var bytes = new DirectoryInfo(dataDir).GetFiles().Sum(f => f.Length);
            Console.WriteLine($"store files: {bytes / 1024.0 / 1024:0.0} MiB, {bytes / (double)transactions / 1024:0.0} KiB per session (with its outbox copy and message keys)");
            return 0;
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static void Print(string call, List<double> ms)
    {
        ms.Sort();
        Console.WriteLine($"{call,-17} p50 {ms[ms.Count / 2]:0.00} ms  p99 {ms[(int)(ms.Count * 0.99)]:0.00} ms  max {ms[^1]:0.00} ms  ({ms.Count} calls)");
    }
}
