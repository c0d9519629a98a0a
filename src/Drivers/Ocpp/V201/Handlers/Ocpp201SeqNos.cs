namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// The seqNos of each station transaction seen since the edge started (docs/ocpp.md, "Transactions": a station numbers the
/// TransactionEvents it sends, E01.FR.07, and replays them in order). Thread-safe and bounded, per station:
/// <list type="bullet">
/// <item>an ended transaction's numbers are kept <see cref="Retention"/> after its Ended — a station resends what it had
/// not seen answered when it is back (E-block), so a repeat must still be known as one — then only that it ended (its id, for
/// <see cref="ForgottenPerStation"/> of them): a later event of it is late (its data recorded once by the store's keys, the
/// live state left alone), never the newest event of a transaction, which would give its EVSE a transaction no event ends;</item>
/// <item>the numbers of at most <see cref="PerStation"/> transactions are kept: beyond, those that never ended go first, the one
/// not heard from longest first (a station that lost its Endeds: forgotten, its next event is only taken as the newest), then
/// the ended one ended longest ago, which keeps its id as above;</item>
/// <item>the numbers themselves as runs (<see cref="Ocpp201SeqNoRanges"/>).</item>
/// </list>
/// </summary>
internal sealed class Ocpp201SeqNos
{
    public const int PerStation = 1_000;

    public const int ForgottenPerStation = 4_096;

    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, Transaction>> _stations = new(StringComparer.Ordinal);

    public enum Order
    {
        /// <summary>Newer than any event seen of its transaction: it may change the live state.</summary>
        Newest,

        /// <summary>Older than one seen (a late replay) or after the Ended: its data is recorded, the live state is left alone.</summary>
        Late,

        /// <summary>This seqNo was handled before: answered again, nothing recorded again.</summary>
        Repeat,
    }

    public Order Classify(string chargePointId, string transactionId, int seqNo)
    {
        lock (_lock)
        {
            if (Find(chargePointId, transactionId) is not { } seen)
            {
                return Order.Newest;
            }

            if (seen.Numbers is not { } numbers)
            {
                return Order.Late; // ended, numbers forgotten
            }

            return numbers.Contains(seqNo) ? Order.Repeat : seen.EndedAt is not null || seqNo < numbers.Max ? Order.Late : Order.Newest;
        }
    }

    /// <summary>Notes a handled event at <paramref name="now"/>; for the Ended, returns how many numbers below it never came (0 for others).</summary>
    public int Seen(string chargePointId, string transactionId, int seqNo, bool ended, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_stations.TryGetValue(chargePointId, out var station))
            {
                station = new Dictionary<string, Transaction>(StringComparer.Ordinal);
                _stations[chargePointId] = station;
            }

            if (!station.TryGetValue(transactionId, out var seen))
            {
                seen = new Transaction { LastSeenAt = now };
                station[transactionId] = seen;
                Prune(station, transactionId, now);
            }

            seen.LastSeenAt = now;
            if (seen.Numbers is not { } numbers)
            {
                return 0; // ended and forgotten: nothing to count a gap from
            }

            numbers.Add(seqNo);
            if (!ended || seen.EndedAt is not null)
            {
                return 0;
            }

            seen.EndedAt = now;
            return Gap(numbers, seqNo);
        }
    }

    /// <summary>How many numbers below the Ended at <paramref name="endedSeqNo"/> have still not come; 0 once the transaction is forgotten.</summary>
    public int Missing(string chargePointId, string transactionId, int endedSeqNo)
    {
        lock (_lock)
        {
            return Find(chargePointId, transactionId)?.Numbers is { } numbers ? Gap(numbers, endedSeqNo) : 0;
        }
    }

    /// <summary>How many transactions are kept for the station, and how many of them still with their numbers.</summary>
    public (int Transactions, int WithNumbers) Kept(string chargePointId)
    {
        lock (_lock)
        {
            return _stations.TryGetValue(chargePointId, out var station) ? (station.Count, station.Values.Count(t => t.Numbers is not null)) : (0, 0);
        }
    }

    // Under the lock.
    private Transaction? Find(string chargePointId, string transactionId) =>
        _stations.TryGetValue(chargePointId, out var station) ? station.GetValueOrDefault(transactionId) : null;

    // Under the lock, as a transaction is added: the numbers of those ended Retention ago are forgotten, and of the rest at most
    // PerStation kept (running ones go first, never the one just added); at most ForgottenPerStation ended ones are remembered without them.
    private static void Prune(Dictionary<string, Transaction> station, string added, DateTimeOffset now)
    {
        foreach (var ended in station.Values.Where(t => t.EndedAt is { } at && now - at >= Retention))
        {
            ended.Numbers = null;
        }

        var withNumbers = station.Where(t => t.Value.Numbers is not null && t.Key != added).ToList(); // the one added is the newest heard
        foreach (var (name, transaction) in withNumbers.OrderBy(t => t.Value.EndedAt is null ? 0 : 1)
            .ThenBy(t => t.Value.EndedAt ?? t.Value.LastSeenAt).Take(withNumbers.Count + 1 - PerStation).ToList())
        {
            if (transaction.EndedAt is null)
            {
                station.Remove(name);
            }
            else
            {
                transaction.Numbers = null;
            }
        }

        var forgotten = station.Where(t => t.Value.Numbers is null).ToList();
        foreach (var (name, _) in forgotten.OrderBy(t => t.Value.EndedAt).Take(forgotten.Count - ForgottenPerStation).ToList())
        {
            station.Remove(name);
        }
    }

    // Counted from the lowest seqNo this run of the edge saw.
    private static int Gap(Ocpp201SeqNoRanges numbers, int endedSeqNo)
    {
        var lowest = numbers.Min;
        return Math.Max(0, endedSeqNo - lowest + 1 - numbers.CountBetween(lowest, endedSeqNo));
    }

    private sealed class Transaction
    {
        // Null once the transaction ended more than Retention ago: only that it ended is kept.
        public Ocpp201SeqNoRanges? Numbers { get; set; } = new();

        public DateTimeOffset? EndedAt { get; set; }

        public DateTimeOffset LastSeenAt { get; set; }
    }
}
