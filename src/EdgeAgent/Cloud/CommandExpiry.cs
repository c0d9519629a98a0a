using System.Globalization;
using System.Text.Json;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>
/// docs/security.md: a command may carry <c>ts</c> (ISO 8601, when the cloud sent it); one older than
/// <c>cloud.commandMaxAgeS</c> is refused as expired rather than run late (a persistent session can
/// deliver a day-old reset). One as far ahead of the edge's clock is refused too: no clock skew
/// explains it, and it would dodge the age check.
/// </summary>
public static class CommandExpiry
{
    /// <returns>Why the command must not run, or null when it may.</returns>
    public static string? Refusal(JsonElement command, DateTimeOffset now, double maxAgeS)
    {
        if (!command.TryGetProperty("ts", out var ts) || ts.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (ts.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent))
        {
            return "'ts' must be an ISO 8601 time, e.g. 2026-03-02T08:00:00Z";
        }

        var age = (now - sent).TotalSeconds;
        var limit = maxAgeS.ToString("0.###", CultureInfo.InvariantCulture);
        if (age > maxAgeS)
        {
            return $"expired: 'ts' {sent:O} is {age:0} s old, more than cloud.commandMaxAgeS ({limit} s); not run";
        }

        return -age > maxAgeS
            ? $"'ts' {sent:O} is {-age:0} s ahead of the edge's clock, more than cloud.commandMaxAgeS ({limit} s); not run"
            : null;
    }
}
