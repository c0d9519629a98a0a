using System.Globalization;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// A charger that reports once a minute is asked for its meter values (TriggerMessage MeterValues) once its car has answered a
/// limit it took, so the loop does not estimate the load nobody controls on a draw a minute old (docs/control-loop.md, "Asking
/// for a report"). Ten OCPP chargers, all reporting every 60 s, taking every limit; no step, no fault.
/// </summary>
public sealed class ReportRequestTests
{
    private static readonly SiteRecipe OnceAMinute = new()
    {
        Seed = 3, Connectors = 10, OcppShare = 1, SlowMeterValuesShare = 1, RejectingShare = 0, TimingOutShare = 0, PauseRefusingShare = 0,
        FlakyModbusShare = 0, Occupancy = 1, FirstStepAt = TimeSpan.FromHours(1), StepInterval = TimeSpan.FromHours(1),
    };

    private static readonly TimeSpan RunFor = TimeSpan.FromMinutes(4);

    [RealSiteFact]
    public async Task A_charger_reporting_once_a_minute_is_asked_once_per_limit_taken_and_its_report_comes_right_after_the_car_answered()
    {
        var asked = await RunAsync(askForReports: true, answer: true);
        var notAsked = await RunAsync(askForReports: false, answer: true);

        Assert.Equal(0, notAsked.Requests);
        Assert.True(asked.Requests > 0, "no charger was asked for a report");
        Assert.True(asked.Requests <= asked.LimitsTaken, $"{asked.Requests} requests for {asked.LimitsTaken} limits taken: at most one each");

        // The request goes a cycle after the car's response time; the report comes with the answer and is read at the next cycle.
        Assert.True(asked.LongestReportWaitS <= 3, $"a report came {asked.LongestReportWaitS:0.0} s after the car had answered its limit (asking): {asked.Worst}");
        Assert.True(notAsked.LongestReportWaitS > 20, $"not asking, the longest wait was {notAsked.LongestReportWaitS:0.0} s: the site shows nothing");
        Assert.True(asked.Figures.MaxOverloadA <= 1, $"car-caused overload {asked.Figures.MaxOverloadA:0.0} A: {asked.Figures}");
    }

    [RealSiteFact]
    public async Task A_charger_that_refuses_a_request_is_not_asked_again_within_the_hour()
    {
        var refused = await RunAsync(askForReports: true, answer: false);

        Assert.True(refused.MostLimitsTakenByOne >= 3, $"no charger took three limits ({refused.MostLimitsTakenByOne}): the test shows nothing");
        Assert.True(refused.MostRequestsToOne == 1, $"a charger that refused was asked {refused.MostRequestsToOne} times within {RunFor.TotalMinutes} minutes");
    }

    private static async Task<Run> RunAsync(bool askForReports, bool answer)
    {
        var options = new ControlLoopOptions { AskForReportAfterLimit = askForReports };
        await using var site = await ClosedLoopSite.StartAsync(OnceAMinute, options: options);
        foreach (var charger in site.Site.OcppChargers)
        {
            charger.AnswersReportRequests = answer;
        }

        // Every time of measured currents the loop saw, per connector.
        var seen = new Dictionary<(string, int), SortedSet<DateTimeOffset>>();
        site.Observer = s =>
        {
            foreach (var runtime in s.Loop.Connectors)
            {
                if (runtime.Status is { } status)
                {
                    var key = (runtime.ChargerId, runtime.ConnectorId);
                    (seen.TryGetValue(key, out var times) ? times : seen[key] = []).Add(status.CurrentsAt);
                }
            }
        };
        var end = site.Time.GetUtcNow() + RunFor;
        await site.RunAsync(RunFor);
        Assert.True(site.FailedCycles == 0, $"{site.FailedCycles} cycles failed, the last with {site.LastCycleError}");

        var answered = options.VehicleResponseTime + ClosedLoopSite.CyclePeriod;
        var taken = site.Site.Physics.Journal.Records.Where(r => r.Outcome == CommandOutcome.Accepted).ToList();
        var start = end - RunFor;
        var longestWaitS = 0.0;
        var worst = "";
        // A limit taken before the last one's report is due is asked about instead of it (one request per limit in force).
        var lastOfEach = taken.Where(r => !taken.Any(n => n.Connector == r.Connector && n.At > r.At && n.At <= r.At + answered + TimeSpan.FromSeconds(3)));
        foreach (var record in lastOfEach.Where(r => r.At + answered + TimeSpan.FromSeconds(70) < end))
        {
            var connector = site.Site.Physics.Connectors[record.Connector];
            var reports = seen.GetValueOrDefault((connector.ChargerId, connector.ConnectorId)) ?? [];
            var first = reports.FirstOrDefault(t => t >= record.At + answered);
            var waitS = ((first == default ? end : first) - (record.At + answered)).TotalSeconds;
            if (waitS > longestWaitS)
            {
                longestWaitS = waitS;
                worst = $"{connector.ChargerId}: {record.LimitA:0.0} A taken at {(record.At - start).TotalSeconds:0.0} s, reports read at "
                    + string.Join(", ", reports.Select(t => (t - start).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture))) + " s";
            }
        }

        var perConnector = taken.GroupBy(r => r.Connector).Select(g => g.Count()).ToList();
        return new Run(
            site.Figures(),
            site.Site.OcppChargers.Sum(c => c.ReportRequests),
            taken.Count,
            perConnector.Count == 0 ? 0 : perConnector.Max(),
            site.Site.OcppChargers.Max(c => c.ReportRequests),
            longestWaitS, worst);
    }

    private sealed record Run(SiteFigures Figures, int Requests, int LimitsTaken, int MostLimitsTakenByOne, int MostRequestsToOne, double LongestReportWaitS, string Worst);
}
