namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// The seqNos of each station transaction seen since the edge started (docs/ocpp.md, "Transactions":
/// a station numbers the TransactionEvents it sends, E01.FR.07, and replays them in order). Thread-safe;
/// a transaction is forgotten some time after its Ended (at most <see cref="Capacity"/> are kept).
/// </summary>
internal sealed class Ocpp201SeqNos
{
    public const int Capacity = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Transaction> _transactions = new(StringComparer.Ordinal);
    private readonly Queue<string> _ended = new();

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
            if (!_transactions.TryGetValue(Name(chargePointId, transactionId), out var seen))
            {
                return Order.Newest;
            }

            return seen.Numbers.Contains(seqNo) ? Order.Repeat : seen.Ended || seqNo < seen.Numbers.Max ? Order.Late : Order.Newest;
        }
    }

    /// <summary>Notes a handled event; for the Ended, returns how many numbers below it never came (0 for others).</summary>
    public int Seen(string chargePointId, string transactionId, int seqNo, bool ended)
    {
        var name = Name(chargePointId, transactionId);
        lock (_lock)
        {
            if (!_transactions.TryGetValue(name, out var seen))
            {
                seen = new Transaction();
                _transactions[name] = seen;
            }

            seen.Numbers.Add(seqNo);
            if (!ended || seen.Ended)
            {
                return 0;
            }

            seen.Ended = true;
            _ended.Enqueue(name);
            while (_transactions.Count > Capacity && _ended.TryDequeue(out var oldest))
            {
                _transactions.Remove(oldest);
            }

            return Gap(seen, seqNo);
        }
    }

    /// <summary>How many numbers below the Ended at <paramref name="endedSeqNo"/> have still not come; 0 once the transaction is forgotten.</summary>
    public int Missing(string chargePointId, string transactionId, int endedSeqNo)
    {
        lock (_lock)
        {
            return _transactions.TryGetValue(Name(chargePointId, transactionId), out var seen) ? Gap(seen, endedSeqNo) : 0;
        }
    }

    // Counted from the lowest seqNo this run of the edge saw.
    private static int Gap(Transaction seen, int endedSeqNo)
    {
        var lowest = seen.Numbers.Min;
        return Math.Max(0, endedSeqNo - lowest + 1 - seen.Numbers.GetViewBetween(lowest, endedSeqNo).Count);
    }

    private static string Name(string chargePointId, string transactionId) => chargePointId + "\n" + transactionId;

    private sealed class Transaction
    {
        public SortedSet<int> Numbers { get; } = [];

        public bool Ended { get; set; }
    }
}
