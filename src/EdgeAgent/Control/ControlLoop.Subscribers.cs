using ChargeNet.EdgeAgent.Domain;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>Who hears of a completed cycle, each on its own: one that throws neither fails the cycle nor silences the others.</summary>
public sealed partial class ControlLoop
{
    private bool _subscriberFailing;

    // A handler that throws (a GPIO indicator on a lost device, a store that cannot take a sample) was the cycle's failure: every
    // charger to its failsafe, and the watchdog, subscribed after it, never told — the daemon restarted every 12 s. Said once when
    // a handler starts failing and once when all work again.
    private void RaiseCycleCompleted(SiteStatus status, int failedBefore)
    {
        LogCompletedAfterFailures(failedBefore);
        var failed = Notify(CycleCompleted, status);
        failed |= Notify(StatusChanged, status);
        if (_subscriberFailing && !failed)
        {
            LogSubscribersBack();
        }

        _subscriberFailing = failed;
        RaiseAlive();
    }

    // A failed cycle's status: the watchdog is not told (it hears only completed cycles).
    private void RaiseStatusChanged(SiteStatus status) => _subscriberFailing |= Notify(StatusChanged, status);

    // Each handler on its own; whether any threw.
    private bool Notify(Action<SiteStatus>? handlers, SiteStatus status)
    {
        var failed = false;
        foreach (var handler in handlers?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<SiteStatus>)handler)(status);
            }
#pragma warning disable CA1031 // A listener's fault is the listener's, never the control's.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failed = true;
                if (!_subscriberFailing)
                {
                    LogSubscriberFailed(handler.Method.DeclaringType?.Name ?? "?", ex);
                }
            }
        }

        return failed;
    }

    // The watchdog's ping must not turn a completed cycle into a failed one either.
    private void RaiseAlive()
    {
        try
        {
            Alive?.Invoke();
        }
#pragma warning disable CA1031 // See RaiseCycleCompleted.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSubscriberFailed(nameof(Alive), ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Listener} failed on a completed control cycle; the control goes on (said once until every listener works again)")]
    private partial void LogSubscriberFailed(string listener, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every listener of the control cycle works again")]
    private partial void LogSubscribersBack();
}
