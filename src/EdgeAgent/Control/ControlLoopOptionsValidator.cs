using System.Globalization;
using Microsoft.Extensions.Options;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Checks <see cref="ControlLoopOptions"/> at start-up; each failure names its key (<c>ChargeNet:ControlLoop:…</c>), the
/// value and what it must be. A write timeout of 0 or less cancelled every limit at once, or (negative) threw before the
/// send and left the limit counted in flight for ever.
/// </summary>
public sealed class ControlLoopOptionsValidator : IValidateOptions<ControlLoopOptions>
{
    public const string Section = "ChargeNet:ControlLoop";

    public ValidateOptionsResult Validate(string? name, ControlLoopOptions options)
    {
        var failures = new List<string>();
        if (options.Period < TimeSpan.FromMilliseconds(250) || options.Period > TimeSpan.FromSeconds(10))
        {
            failures.Add(Failure(nameof(options.Period), options.Period, "must be between 250 ms and 10 s"));
        }

        Timeout(nameof(options.ReadTimeout), options.ReadTimeout, failures);
        Timeout(nameof(options.WriteTimeout), options.WriteTimeout, failures);
        if (options.DecreaseAnswerWait is { } wait && (wait <= TimeSpan.Zero || wait >= options.WriteTimeout))
        {
            failures.Add(Failure(nameof(options.DecreaseAnswerWait), wait,
                $"must be more than 0 and less than {Section}:{nameof(options.WriteTimeout)} ({options.WriteTimeout}), or unset (off)"));
        }

        // A car answers within 5 s (IEC 61851-1); a response time of minutes would also count every OCPP charger as lapsing long before
        // its profile does — the lead of "a limit that lapses" (the response time and a cycle) must stay well inside the time between
        // a refresh and the validTo (LimitValidity − LimitRefreshPeriod, 400 s: docs/control-loop.md, "Failsafes").
        if (options.VehicleResponseTime < TimeSpan.Zero || options.VehicleResponseTime > MaxVehicleResponseTime)
        {
            failures.Add(Failure(nameof(options.VehicleResponseTime), options.VehicleResponseTime, "must be between 0 and 60 s"));
        }

        NotNegative(nameof(options.FreshReadingAge), options.FreshReadingAge, failures);
        NotNegative(nameof(options.MissedReadHold), options.MissedReadHold, failures);
        // The smallest change worth a send also hides a decrease under it (a confirmed limit is not sent again): kept small.
        if (options.MinChangeA is not (>= 0 and <= MaxMinChangeA))
        {
            failures.Add(Failure(nameof(options.MinChangeA), options.MinChangeA, $"must be between 0 and {MaxMinChangeA} A"));
        }

        NotNegative(nameof(options.ChangeBandA), options.ChangeBandA, failures);
        if (options.StepReserveShare is not (>= 0 and <= 1))
        {
            failures.Add(Failure(nameof(options.StepReserveShare), options.StepReserveShare, "must be between 0 and 1 (0 is off)"));
        }

        if (options.SessionStopAfterRefusals is not (>= 0 and <= LimitAnswers.Window))
        {
            failures.Add(Failure(nameof(options.SessionStopAfterRefusals), options.SessionStopAfterRefusals, $"must be between 0 (off) and {LimitAnswers.Window}"));
        }

        if (options.SessionStopOnRefusalRecord is not (>= 0 and <= LimitAnswers.Window))
        {
            failures.Add(Failure(nameof(options.SessionStopOnRefusalRecord), options.SessionStopOnRefusalRecord, $"must be between 0 (off) and {LimitAnswers.Window}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A timer beyond about 49 days throws before the send (the limit then stays in flight for ever); a minute is already
    // far past any charger's answer (OCPP-J's own call timeout is 30 s, docs/ocpp.md).
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(60);

    private const double MaxMinChangeA = 0.5;

    private static readonly TimeSpan MaxVehicleResponseTime = TimeSpan.FromSeconds(60);

    private static void Timeout(string key, TimeSpan value, List<string> failures)
    {
        if (value <= TimeSpan.Zero || value > MaxTimeout)
        {
            failures.Add(Failure(key, value, "must be more than 0 and at most 60 s"));
        }
    }

    private static void NotNegative(string key, TimeSpan value, List<string> failures)
    {
        if (value < TimeSpan.Zero)
        {
            failures.Add(Failure(key, value, "must be 0 or more"));
        }
    }

    private static void NotNegative(string key, double value, List<string> failures)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            failures.Add(Failure(key, value, "must be 0 or more"));
        }
    }

    private static string Failure(string key, object value, string why) =>
        string.Create(CultureInfo.InvariantCulture, $"{Section}:{key}: {value} {why}");
}
