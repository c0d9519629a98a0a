namespace ChargeNet.EdgeAgent.Storage;

/// <summary>
/// A place in the LiteDB log: the byte where a commit's pages end, in the log's current life
/// (<see cref="Epoch"/> grows each time a checkpoint empties the log, whose pages are then in the
/// data file, synced). Everything at or before a synced position is on durable storage.
/// </summary>
internal readonly record struct LogPosition(long Epoch, long End)
{
    public bool IsCoveredBy(LogPosition synced) => Epoch < synced.Epoch || (Epoch == synced.Epoch && End <= synced.End);
}
