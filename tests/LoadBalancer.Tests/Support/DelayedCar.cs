namespace ChargeNet.LoadBalancer.Tests.Support;

/// <summary>
/// A three-phase car that takes each limit a dead time after it was sent (a pure delay), its charger confirming every limit at
/// once and reporting the draw of <paramref name="reportLag"/> before; its band as the loop's estimator gives it
/// (docs/control-loop.md, "Estimating the load nobody controls"): from the limits in force within the response
/// time and the report.
/// </summary>
/// <param name="energyWh">Its session's energy so far: the pause order's key (the most first).</param>
/// <param name="runningSince">Running at <paramref name="startA"/> since then; null: plugged in with no limit yet.</param>
/// <param name="notTakenBefore">Limits its charger did not take before the case (its record, <see cref="ConnectorInput.LimitsNotTaken"/>).</param>
/// <param name="confirms">False: its charger takes every limit but has not answered a decrease yet within the response time.</param>
/// <param name="latestAnswered">False: its latest send is unanswered though no decrease is (a limit sent again after one left untaken).</param>
internal sealed class DelayedCar(string id, DateTimeOffset? runningSince, double maxA, double startA, TimeSpan deadTime, TimeSpan responseTime, TimeSpan reportLag, double energyWh = 0, int notTakenBefore = 0, bool confirms = true, bool latestAnswered = true)
{
    private readonly List<(DateTimeOffset At, double LimitA)> _sent = runningSince is { } at ? [(at, startA)] : [(DateTimeOffset.MinValue, 0)];

    public string Id => id;

    /// <summary>When each limit was sent, and the limit.</summary>
    public IReadOnlyList<(DateTimeOffset At, double LimitA)> Sent => _sent;

    public double DrawA(DateTimeOffset at) => Math.Min(maxA, LimitAt(at - deadTime));

    public void Send(DateTimeOffset at, double limitA)
    {
        if (Math.Abs(limitA - _sent[^1].LimitA) >= 0.1)
        {
            _sent.Add((at, limitA));
        }
    }

    public ConnectorInput Input(DateTimeOffset now)
    {
        var reportedAt = now - reportLag;
        var reportA = DrawA(reportedAt);
        var (last, lastA) = _sent[^1];

        // The limits that may still be in force: those within the response time, unless a report after the newest shows
        // the car within it (a decrease taken) or at it (a raise taken).
        var inForce = _sent.Where(s => s.At > now - responseTime).Select(s => s.LimitA).Append(LimitAt(now - responseTime)).ToList();
        var within = reportedAt >= last && reportA <= lastA + 1;
        var reached = within && reportA >= lastA - 1;
        var highA = within ? Math.Max(lastA, reportA) : Math.Max(inForce.Max(), reportA);
        var lowA = reached ? Math.Min(lastA, reportA) : Math.Min(inForce.Min(), reportA);
        return Sites.Car(id, maxA: maxA, drawA: lowA) with
        {
            MeasuredCurrentHighA = PhaseCurrents.All(highA),
            CommittedA = within ? lastA : inForce.Max(),
            LastLimitA = lastA,
            LastLimitAt = last,
            MeasuredAt = now,
            SessionStartedAt = Sites.Now.AddMinutes(-10),
            SessionEnergyWh = energyWh,
            LimitsAnswered = Math.Min(16, _sent.Count(s => s.At > DateTimeOffset.MinValue) + notTakenBefore),
            LimitsNotTaken = notTakenBefore,
            LastLimitConfirmed = confirms && latestAnswered,
            DecreaseUnconfirmed = !confirms && _sent.Skip(1).Where((s, k) => s.At > now - responseTime && s.LimitA < _sent[k].LimitA).Any(),
        };
    }

    private double LimitAt(DateTimeOffset at) => _sent.LastOrDefault(s => s.At <= at).LimitA;
}
