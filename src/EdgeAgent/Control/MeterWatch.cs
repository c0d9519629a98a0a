using System.Globalization;
using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Decides whether a meter — the grid meter or a circuit's — is known: a reading older than the timeout, or a
/// meter frozen for that long by the same rule the meter drivers use (<see cref="FrozenMeterRule"/>), make it unknown.
/// A reading with a value no meter can give counts as no reading (<see cref="Plausible"/>).
/// Written by the meter's poller (one writer), read by the loop: its state is one immutable record
/// swapped whole.
/// </summary>
internal sealed class MeterWatch
{
    private State _state = new(null, FrozenMeterRule.Start, null);

    public MeterReading? Latest => Volatile.Read(ref _state).Latest;

    public string? LastError => Volatile.Read(ref _state).LastError;

    public void Record(MeterReading reading)
    {
        var state = Volatile.Read(ref _state);
        Volatile.Write(ref _state, new State(reading, state.Frozen.Observe(reading), null));
    }

    /// <summary>
    /// One read of <paramref name="meter"/> recorded here: its reading, or what went wrong (a device error, no
    /// answer within <paramref name="readTimeout"/>). Returns whether a reading came.
    /// </summary>
    public async Task<bool> ReadAsync(IMeter meter, TimeProvider time, TimeSpan readTimeout, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(readTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var reading = await meter.ReadAsync(linked.Token).ConfigureAwait(false);
            if (!Plausible.MeterCurrents(reading.CurrentA))
            {
                // A value no meter can give is a failed read, as the drivers make it (docs/devices.md, "Values that
                // cannot be"): the last good reading stands until it is the timeout old. One bad register is not
                // a failed meter — taken as unknown at once, it sent the whole site to its fallback for a cycle.
                RecordFailure(string.Create(CultureInfo.InvariantCulture, $"a reading no meter can give (currents {reading.CurrentA.L1}/{reading.CurrentA.L2}/{reading.CurrentA.L3} A)"));
                return false;
            }

            Record(reading);
            return true;
        }
        catch (Exception ex) when (ex is DeviceException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            RecordFailure(ex is DeviceException ? ex.Message : "no answer within the read timeout");
            return false;
        }
    }

    public void RecordFailure(string error)
    {
        var state = Volatile.Read(ref _state);
        Volatile.Write(ref _state, state with { LastError = error });
    }

    /// <summary>
    /// Whether the meter is unknown at <paramref name="now"/>: no reading, one <paramref name="timeout"/> old or older, or frozen
    /// for that long — both judged alike, from the time of the last reading that tells (a reading is as fresh as its own time,
    /// never as the time a later read failed).
    /// </summary>
    /// <param name="now">The time of the judgement.</param>
    /// <param name="timeout">The site's <c>grid.meterTimeoutS</c>.</param>
    /// <param name="currentExpected">True when chargers behind the meter report drawing current: a meter frozen at idle is then caught too.</param>
    public bool IsStale(DateTimeOffset now, TimeSpan timeout, bool currentExpected = false)
    {
        // A reading stamped more than the timeout after 'now' is one from before the wall clock stepped back (an NTP correction):
        // its age is unknown, and judged fresh a meter that fell silent then would be for as long as the step. Up to the timeout
        // ahead is a reading recorded while the cycle ran, or a step the timeout bounds.
        var state = Volatile.Read(ref _state);
        return state.Latest is null || now - state.Latest.Timestamp >= timeout || state.Latest.Timestamp - now > timeout
            || state.Frozen.FrozenSince(now, timeout, currentExpected) is not null;
    }

    /// <summary>
    /// When the meter turns unknown unless a new reading moves: the latest reading's age, or (while current flows)
    /// its values' standing still, reaching <paramref name="timeout"/>; null before any reading. The loop runs a
    /// cycle then, so the fallback starts in the cycle the meter turns stale, not at the next reading or tick.
    /// </summary>
    /// <param name="timeout">The site's <c>grid.meterTimeoutS</c>.</param>
    /// <param name="currentExpected">As for <see cref="IsStale"/>.</param>
    public DateTimeOffset? StaleAt(TimeSpan timeout, bool currentExpected = false)
    {
        var state = Volatile.Read(ref _state);
        if (state.Latest is null)
        {
            return null;
        }

        var byAge = state.Latest.Timestamp + timeout;
        var byFreeze = state.Frozen.UnchangedSince + timeout;
        return byFreeze < byAge && state.Frozen.FrozenSince(byFreeze, timeout, currentExpected) is not null ? byFreeze : byAge;
    }

    private sealed record State(MeterReading? Latest, FrozenMeterRule Frozen, string? LastError);
}
