using ChargeNet.Drivers.Devices;
using ChargeNet.LoadBalancer;
using Microsoft.Extensions.Logging;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// A cycle that threw: what is sent (each charger's failsafe, under the stop and the curtailment), what the status says, and what
/// the log says — once when cycles start failing, then now and then, and once when they complete again.
/// </summary>
public sealed partial class ControlLoop
{
    /// <summary>The reason of every connector while cycles fail (<c>cycleFailed</c> in the status).</summary>
    internal const string CycleFailedReason = "CycleFailed";

    // A failure is logged with its stack when cycles start failing or its kind changes, then once every this many in a row: at a
    // cycle or two a second, one error with its stack each time filled the journal and hid everything else.
    private const int FailuresBetweenLogs = 60;

    // Once a minute at most, a failure of the same kind with its stack.
    private static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);

    private Type? _failingWith;
    private DateTimeOffset _failureLoggedAt = DateTimeOffset.MinValue;
    private bool _completionOwed;

    // The constraints in force for a failed cycle; an emergency stop when even they cannot be read (the safe side).
    private SiteConstraints ConstraintsOrStop()
    {
        try
        {
            return _constraints.Current;
        }
#pragma warning disable CA1031 // A failed cycle must still send what is safe.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogConstraintsUnreadable(ex);
            return new SiteConstraints { EmergencyStop = true };
        }
    }

    // Whether the emergency stop is latched, for the status alone: a source that cannot say is unknown, never a failed cycle or
    // a failed status.
    private bool? LatchedOrUnknown()
    {
        try
        {
            return _constraints.EmergencyStopLatched;
        }
#pragma warning disable CA1031 // Only shown: what is sent does not depend on it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>
    /// A cycle that threw decided nothing: every charger is sent its failsafe current, and the status
    /// says the loop is not controlling (health, page and telemetry follow it) until a cycle completes.
    /// </summary>
    private void FallBackToFailsafe(Exception exception)
    {
        var failures = Interlocked.Increment(ref _consecutiveFailures);
        Interlocked.Exchange(ref _lastFailureTicks, _time.GetUtcNow().UtcTicks);
        SiteConstraints? sentUnder = null;
        if (_model is { } model)
        {
            var devices = _devices.Current;
            var now = _time.GetUtcNow();
            var constraints = ConstraintsOrStop();
            sentUnder = constraints;
            for (var i = 0; i < model.Connectors.Count; i++)
            {
                var runtime = model.Connectors[i];
                runtime.Reason = CycleFailedReason;
                if (devices.Chargers.TryGetValue(runtime.ChargerId, out var device)
                    && runtime.TryBeginSend(FailedCycleLimit.Of(model, i, constraints), now) is { Sent: var sent })
                {
                    _ = SendAsync(device, runtime, sent, needed: FailedCycleLimit.Ordered(constraints));
                }
            }
        }

        // Logged once the failsafes are on their way: a logging provider that throws must not keep them from the chargers.
        try
        {
            LogFailure(exception, failures);
        }
#pragma warning disable CA1031 // See above.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        PublishFailed(failures, sentUnder ?? SiteConstraints.None);
    }

    // Under the cycle's semaphore. The failed status, or, should even that fail to build, the last one marked not controlling.
    private void PublishFailed(int failures, SiteConstraints constraints)
    {
        SiteStatus? status;
        try
        {
            status = _model is { } model ? FailedStatus(model, failures, constraints) : null;
        }
#pragma warning disable CA1031 // The failsafes are sent; a status that cannot be built must not undo that.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailedStatusUnbuilt(ex);
            status = null;
        }

        status ??= Volatile.Read(ref _latest) is { } latest ? latest with { Ts = _time.GetUtcNow(), Controlling = false, FailedCycles = failures } : null;
        if (status is null)
        {
            return;
        }

        Volatile.Write(ref _latest, status);
        RaiseStatusChanged(status);
    }

    private SiteStatus FailedStatus(SiteModel model, int failures, SiteConstraints constraints)
    {
        var now = _time.GetUtcNow();
        var grid = _feed.Watch;
        var gridStale = grid.IsStale(now, TimeSpan.FromSeconds(model.Site.Grid.MeterTimeoutS), _currentExpected is [true, ..]);
        var manual = _manualLimits.All;
        var latest = Volatile.Read(ref _latest);
        return StatusBuilder.Failed(model, grid, gridStale, _chargerErrors, _devices.Current, manual, ConstraintsView.Of(constraints, LatchedOrUnknown()), now, _allocator.Strategy.Name, failures) with
        {
            StartupHold = _startupHold,
            ManualLimits = ManualLimitView.Of(manual),
            Latency = latest?.Latency,
            Peak = latest?.Peak,
        };
    }

    // With its stack when cycles start failing with a kind not logged in the last minute; the same kind again within the minute is
    // counted, and said every FailuresBetweenLogs in a row. Kept across completed cycles: cycles failing every other time logged a
    // stack each time.
    private void LogFailure(Exception exception, int failures)
    {
        var now = _time.GetUtcNow();
        if (exception.GetType() != _failingWith || now - _failureLoggedAt >= FailureLogInterval || now < _failureLoggedAt)
        {
            LogCycleFailed(exception);
            _failingWith = exception.GetType();
            _failureLoggedAt = now;
            _completionOwed = true;
        }
        else if (failures % FailuresBetweenLogs == 0)
        {
            LogCyclesStillFailing(failures, exception.GetType().Name, exception.Message);
        }
    }

    // Called by a completed cycle with the count of failed cycles it ended: said when a failure was logged with its stack for them.
    private void LogCompletedAfterFailures(int failedBefore)
    {
        if (failedBefore > 0 && _completionOwed)
        {
            LogCyclesCompleteAgain(failedBefore);
            _completionOwed = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A control cycle failed: every charger is sent its failsafe current; the next cycle starts from fresh readings (the same failure again is logged once a minute)")]
    private partial void LogCycleFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Control cycles still fail: {Failures} in a row ({Kind}: {Reason}); the chargers are at their failsafe currents")]
    private partial void LogCyclesStillFailing(int failures, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Control cycles complete again after {Failures} failed in a row")]
    private partial void LogCyclesCompleteAgain(int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "The emergency stop and curtailment inputs could not be read in a failed cycle: every charger is sent 0 A")]
    private partial void LogConstraintsUnreadable(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The status of a failed cycle could not be built; the last one is shown, marked not controlling")]
    private partial void LogFailedStatusUnbuilt(Exception exception);
}
