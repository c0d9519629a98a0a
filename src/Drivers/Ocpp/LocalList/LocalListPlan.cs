namespace ChargeNet.Drivers.Ocpp.LocalList;

/// <summary>
/// The SendLocalList messages that bring a charger's list to the edge's list and version, or why
/// there are none. Pure. The scheme (docs/ocpp.md, "Local authorization list on the chargers"):
/// entries in idTag order, cut into chunks of at most <c>SendLocalListMaxLength</c>; the first
/// chunk is a <c>Full</c> update, the rest <c>Differential</c> ones; chunk i of n gets version
/// V − n + i, so the versions rise by one per message (a Differential must carry a higher version
/// than the charger's list: OCPP 1.6 section 7, UpdateStatus VersionMismatch; OCPP 2.0.1 D01) and the last one is
/// the edge's version V. Every earlier version is below V, so a charger stopped part way never
/// reports V and gets the whole list again on the next sync.
/// </summary>
public sealed record LocalListPlan(IReadOnlyList<LocalListMessage> Messages, LocalListPlanRefusal? Refusal, int Entries)
{
    public static LocalListPlan For(int version, IReadOnlyList<LocalListEntry> entries, LocalListLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (limits.LocalAuthListMaxLength is { } storeMax && entries.Count > storeMax)
        {
            return new([], LocalListPlanRefusal.ListTooLong, entries.Count);
        }

        var data = entries.OrderBy(e => e.IdTag, StringComparer.Ordinal).ToList();
        var chunkSize = limits.SendLocalListMaxLength is { } sendMax && data.Count > sendMax ? sendMax : Math.Max(1, data.Count);
        List<LocalListEntry[]> chunks = data.Count == 0 ? [[]] : [.. data.Chunk(chunkSize)];
        // Versions 1 … V are the only ones below V that a list may carry (0 means "no list").
        if (chunks.Count > version)
        {
            return new([], LocalListPlanRefusal.VersionTooLow, entries.Count);
        }

        var first = version - chunks.Count + 1;
        return new([.. chunks.Select((chunk, i) => new LocalListMessage(first + i, i == 0, chunk))], null, entries.Count);
    }
}
