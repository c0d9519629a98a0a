using ChargeNet.Drivers.Ocpp.Messages;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>
/// The SendLocalList messages that bring a charger's list to the edge's list and version, or why
/// there are none. Pure. The scheme (docs/ocpp.md, "Local authorization list on the chargers"):
/// entries in idTag order, cut into chunks of at most <c>SendLocalListMaxLength</c>; the first
/// chunk is a <c>Full</c> update, the rest <c>Differential</c> ones; chunk i of n gets version
/// V − n + i, so the versions rise by one per message (a Differential must carry a higher version
/// than the charger's list, OCPP 1.6 section 7, UpdateStatus VersionMismatch) and the last one is
/// the edge's version V. Every earlier version is below V, so a charger stopped part way never
/// reports V and gets the whole list again on the next sync.
/// </summary>
public sealed record LocalListPlan(IReadOnlyList<SendLocalListRequest> Messages, LocalListPlanRefusal? Refusal, int Entries)
{
    public static LocalListPlan For(int version, IReadOnlyList<AuthorizationEntry> entries, LocalListLimits limits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (limits.LocalAuthListMaxLength is { } storeMax && entries.Count > storeMax)
        {
            return new([], LocalListPlanRefusal.ListTooLong, entries.Count);
        }

        var data = entries.OrderBy(e => e.IdTag, StringComparer.Ordinal).Select(ToOcpp).ToList();
        var chunkSize = limits.SendLocalListMaxLength is { } sendMax && data.Count > sendMax ? sendMax : Math.Max(1, data.Count);
        List<AuthorizationData[]> chunks = data.Count == 0 ? [[]] : [.. data.Chunk(chunkSize)];
        // Versions 1 … V are the only ones below V that a list may carry (0 means "no list").
        if (chunks.Count > version)
        {
            return new([], LocalListPlanRefusal.VersionTooLow, entries.Count);
        }

        var first = version - chunks.Count + 1;
        return new([.. chunks.Select((chunk, i) => new SendLocalListRequest(first + i, i == 0 ? "Full" : "Differential", chunk))], null, entries.Count);
    }

    /// <summary>The edge's entry as OCPP's AuthorizationData; a status the store should never hold reads as Invalid.</summary>
    public static AuthorizationData ToOcpp(AuthorizationEntry entry) => new(entry.IdTag, new IdTagInfo(
        Enum.TryParse<AuthorizationStatus>(entry.Status, ignoreCase: true, out var status) ? status : AuthorizationStatus.Invalid,
        entry.ExpiryDate,
        entry.ParentIdTag));
}
