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
    private void RaiseCycleCompleted(SiteStatus status)
    {
        var failed = false;
        foreach (var handler in CycleCompleted?.GetInvocationList() ?? [])
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

        if (_subscriberFailing && !failed)
        {
            LogSubscribersBack();
        }

        _subscriberFailing = failed;
        RaiseAlive();
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The emergency stop and curtailment inputs could not be read in a failed cycle: every charger is sent 0 A")]
    private partial void LogConstraintsUnreadable(Exception exception);
}
