using System.Collections.Concurrent;
using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>
/// Reads the chargers without making the cycle wait: each cycle starts a read of every charger that
/// has none on its way (at most one per <c>interval</c>), and uses the latest result each has given.
/// A charger that answers at once (OCPP reports what it was pushed; simulated devices) is fresh in
/// the same cycle; a slow one delays nobody.
/// </summary>
internal sealed class ChargerReads
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public ChargerReads(TimeProvider time, TimeSpan timeout)
    {
        _time = time;
        _timeout = timeout;
    }

    /// <summary>Starts the reads that are due. Called by the loop only.</summary>
    public void Start(DeviceSet devices, DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken)
    {
        foreach (var id in _slots.Keys.Where(id => !devices.Chargers.ContainsKey(id)))
        {
            _slots.TryRemove(id, out _);
        }

        foreach (var (id, charger) in devices.Chargers)
        {
            var slot = _slots.GetOrAdd(id, _ => new Slot());
            if (slot.Charger != charger)
            {
                // A new driver (the configuration changed): what the old one said no longer counts.
                slot.Reset(charger);
            }

            // Due once the interval has passed, or when the wall clock stepped back past the last start (an NTP correction):
            // waiting for the clock to catch up would leave every charger unread for as long as the step.
            var due = now - slot.LastStartedAt >= interval || now < slot.LastStartedAt;
            if (!due || Interlocked.CompareExchange(ref slot.InFlight, 1, 0) != 0)
            {
                continue;
            }

            slot.LastStartedAt = now;
            _ = ReadAsync(slot, charger, cancellationToken);
        }
    }

    /// <summary>The latest result of each charger that has given one.</summary>
    public IEnumerable<(string ChargerId, ChargerReadResult Result)> Latest() =>
        _slots.Select(p => (p.Key, p.Value.Latest)).Where(p => p.Latest is not null).Select(p => (p.Key, p.Latest!));

    private async Task ReadAsync(Slot slot, ICharger charger, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        ChargerReadResult result;
        try
        {
            result = new(await charger.ReadStatusAsync(linked.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Volatile.Write(ref slot.InFlight, 0);
            return;
        }
#pragma warning disable CA1031 // A driver that throws is a charger that did not answer, never a stopped loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = new(null, ex is OperationCanceledException ? "no answer within the read timeout" : ex.Message);
        }

        if (slot.Charger == charger)
        {
            slot.Latest = result;
        }

        Volatile.Write(ref slot.InFlight, 0);
    }

    private sealed class Slot
    {
        private ChargerReadResult? _latest;
        private ICharger? _charger;

#pragma warning disable CA1051, SA1401 // Interlocked needs a field.
        public int InFlight;
#pragma warning restore CA1051, SA1401

        public ICharger? Charger => Volatile.Read(ref _charger);

        /// <summary>When the last read began. Loop only.</summary>
        public DateTimeOffset LastStartedAt { get; set; } = DateTimeOffset.MinValue;

        public ChargerReadResult? Latest
        {
            get => Volatile.Read(ref _latest);
            set => Volatile.Write(ref _latest, value);
        }

        public void Reset(ICharger charger)
        {
            Volatile.Write(ref _latest, null);
            LastStartedAt = DateTimeOffset.MinValue;
            Volatile.Write(ref _charger, charger);
        }
    }
}
