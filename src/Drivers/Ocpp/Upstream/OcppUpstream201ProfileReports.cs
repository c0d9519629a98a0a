using System.Text.Json;
using System.Text.Json.Nodes;
using Ocpp201 = ChargeNet.Drivers.Ocpp.V201.Messages;

namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>
/// A 2.0.1 upstream reads its own charging profiles back (docs/upstream.md, "Limits"): the answer to its
/// GetChargingProfiles is made at the edge from the profiles it set — never the edge's own, which the
/// station holds — as the ReportChargingProfiles a station would send ([OCPP 2.0.1] K09).
/// </summary>
internal static class OcppUpstream201ProfileReports
{
    /// <summary>Who set them: the central system, the charging station operator (the edge's own limit is the EMS's).</summary>
    public const string Source = "CSO";

    /// <summary>One profile the upstream set: its EVSE, the profile as stacked, and as the upstream worded it.</summary>
    public sealed record Kept(int EvseId, V16.Messages.ChargingProfile Stacked, JsonElement AsSet);

    /// <summary>
    /// The ReportChargingProfiles payloads that answer <paramref name="ask"/>, in order: one per EVSE, its
    /// profiles by stack level, <c>tbc</c> on all but the last (K09.FR.01/02). A profile is reported when it
    /// matches every criterion given (K09.FR.04–06); none: the answer is NoProfiles.
    /// </summary>
    public static IReadOnlyList<JsonElement> For(Ocpp201.GetChargingProfilesRequest ask, IEnumerable<Kept> kept)
    {
        var criterion = ask.ChargingProfile;
        var evses = kept
            .Where(k => (ask.EvseId is null || k.EvseId == ask.EvseId)
                && (criterion.ChargingLimitSource is null || criterion.ChargingLimitSource.Contains(Source))
                && (criterion.ChargingProfileId is null || criterion.ChargingProfileId.Contains(k.Stacked.ChargingProfileId))
                && (criterion.StackLevel is null || k.Stacked.StackLevel == criterion.StackLevel)
                && (criterion.ChargingProfilePurpose is null || OcppUpstream201Profiles.PurposeOf(criterion.ChargingProfilePurpose) == k.Stacked.ChargingProfilePurpose))
            .GroupBy(k => k.EvseId)
            .OrderBy(g => g.Key)
            .ToList();
        return [.. evses.Select((evse, i) =>
        {
            var report = new JsonObject
            {
                ["requestId"] = ask.RequestId,
                ["chargingLimitSource"] = Source,
                ["evseId"] = evse.Key,
                ["chargingProfile"] = new JsonArray([.. evse.OrderBy(k => k.Stacked.StackLevel).ThenBy(k => k.Stacked.ChargingProfileId).Select(k => JsonNode.Parse(k.AsSet.GetRawText()))]),
            };
            if (i < evses.Count - 1)
            {
                report["tbc"] = true;
            }

            return JsonSerializer.SerializeToElement(report);
        })];
    }
}
