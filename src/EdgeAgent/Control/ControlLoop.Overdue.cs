namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// When the next cycle runs, and the limits that turn overdue meanwhile (docs/control-loop.md, "An overdue limit"): a limit its
/// charger leaves unanswered past its usual answer time is planned for at that moment — the others are cut for it then, not at the
/// next reading or period — while a moment whose limit was answered in time wakes nothing.
/// </summary>
public sealed partial class ControlLoop
{
    // The next cycle: on the next new grid reading, one period after this one began, or the moment the meter turns stale (its last
    // reading too old, or its values standing still too long) — the fallback starts then, not up to a period or a reading later —
    // or the moment a limit on its way turns overdue. At most a period, counted on the monotonic clock: a wall clock stepped back
    // during the cycle must not hold the next one for the step.
    private async Task WaitForNextCycleAsync(DateTimeOffset started, CancellationToken cancellationToken)
    {
        var wait = NextCycleAt(started) - _time.GetUtcNow();
        var longest = wait > _options.Period ? _options.Period : wait;
        var waitFrom = _time.GetTimestamp();
        while (!OverdueSince(started))
        {
            var left = longest - _time.GetElapsedTime(waitFrom);
            var now = _time.GetUtcNow();
            var until = FirstOverdueAfter(now) is { } overdueAt && overdueAt - now < left ? overdueAt - now : left;
            if (await _trigger.WaitAsync(until, _time, cancellationToken).ConfigureAwait(false) || _time.GetElapsedTime(waitFrom) >= longest)
            {
                return;
            }
        }
    }

    // Whether a limit still on its way turned overdue after the last cycle began: that cycle did not plan for it.
    private bool OverdueSince(DateTimeOffset started)
    {
        var now = _time.GetUtcNow();
        return _model is { } model && model.Connectors.Any(runtime => runtime.OverdueAt is { } at && at > started && at <= now);
    }

    // The next moment a limit on its way turns overdue, after now; null: none does.
    private DateTimeOffset? FirstOverdueAfter(DateTimeOffset now)
    {
        DateTimeOffset? first = null;
        foreach (var runtime in _model?.Connectors ?? [])
        {
            if (runtime.OverdueAt is { } at && at > now && (first is null || at < first))
            {
                first = at;
            }
        }

        return first;
    }
}
