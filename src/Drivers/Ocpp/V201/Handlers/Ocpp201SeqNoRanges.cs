namespace ChargeNet.Drivers.Ocpp.V201.Handlers;

/// <summary>
/// The seqNos seen of one transaction, kept as runs of consecutive numbers: a station numbers its events one by one
/// (E01.FR.07), so a transaction of a thousand Updated events is one run, not a thousand numbers. Beyond <see cref="MaxRuns"/>
/// runs (a station skipping every other number) the lowest run is dropped: its numbers, should they come again, are late
/// events, no longer repeats. Not thread-safe (<see cref="Ocpp201SeqNos"/> holds its lock).
/// </summary>
internal sealed class Ocpp201SeqNoRanges
{
    public const int MaxRuns = 256;

    private readonly List<(int Low, int High)> _runs = [];

    public int Count => _runs.Count;

    public int Min => _runs[0].Low;

    public int Max => _runs[^1].High;

    public bool Contains(int seqNo)
    {
        var i = RunAtOrBelow(seqNo);
        return i >= 0 && seqNo <= _runs[i].High;
    }

    public void Add(int seqNo)
    {
        var i = RunAtOrBelow(seqNo);
        if (i >= 0 && seqNo <= _runs[i].High)
        {
            return;
        }

        var joinsBelow = i >= 0 && _runs[i].High == seqNo - 1;
        var joinsAbove = i + 1 < _runs.Count && _runs[i + 1].Low == seqNo + 1;
        if (joinsBelow && joinsAbove)
        {
            _runs[i] = (_runs[i].Low, _runs[i + 1].High);
            _runs.RemoveAt(i + 1);
        }
        else if (joinsBelow)
        {
            _runs[i] = (_runs[i].Low, seqNo);
        }
        else if (joinsAbove)
        {
            _runs[i + 1] = (seqNo, _runs[i + 1].High);
        }
        else
        {
            _runs.Insert(i + 1, (seqNo, seqNo));
            if (_runs.Count > MaxRuns)
            {
                _runs.RemoveAt(0);
            }
        }
    }

    /// <summary>How many numbers from <paramref name="low"/> to <paramref name="high"/> (both included) were seen.</summary>
    public int CountBetween(int low, int high) =>
        _runs.Sum(r => Math.Max(0, Math.Min(r.High, high) - Math.Max(r.Low, low) + 1));

    // The index of the last run starting at or below seqNo; -1 when none does.
    private int RunAtOrBelow(int seqNo)
    {
        var (low, high) = (0, _runs.Count - 1);
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (_runs[mid].Low <= seqNo)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return high;
    }
}
