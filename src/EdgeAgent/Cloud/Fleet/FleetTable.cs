using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChargeNet.EdgeAgent.Cloud.Fleet;

/// <summary>
/// The live table of the fleet view, fed with the messages of <c>chargenet/v1/+/#</c>. A message
/// that is not what the contract says is ignored (and counted), never fatal.
/// </summary>
public sealed class FleetTable
{
    /// <summary>
    /// The one place that pairs alarms (docs/mqtt.md, "Fleet view"): an opening code and the codes that close it, from the same
    /// source. The site's codes follow no one suffix rule (an emergency stop ends at its acknowledgement, not at its release; a
    /// session stop that failed ends at a later stop or at the session's end), so they are listed rather than guessed. A code
    /// that closes another opens nothing itself unless it is listed here as an opening too; a code closing itself does so
    /// only as info (a later status of the same thing). A warning or error not listed is an alarm nothing closes.
    /// </summary>
    private static readonly Dictionary<string, string[]> ClosedBy = new(StringComparer.Ordinal)
    {
        ["grid.fallback.started"] = ["grid.fallback.ended"],
        ["gpio.curtailment.active"] = ["gpio.curtailment.cleared"],

        // Latched: a released input still stops the site until someone acknowledges the stop (docs/operations.md, "Events").
        ["gpio.emergency-stop.active"] = ["gpio.emergency-stop.acknowledged"],
        ["gpio.unavailable"] = ["gpio.available"],
        ["gpio.curtailment.read-failed"] = ["gpio.curtailment.read-recovered"],
        ["gpio.emergency-stop.read-failed"] = ["gpio.emergency-stop.read-recovered"],
        ["charger.session.stop-failed"] = ["charger.session.stopped", "session.finished", "ocpp.session-finished"],

        // The edge ended a driver's session: a notice the operator must see; its own session's end follows at once, so nothing closes it.
        ["charger.session.stopped"] = [],
        ["ocpp.disconnected"] = ["ocpp.connected"],
        ["ocpp.limit-not-applied"] = ["ocpp.limit-applied"],
        ["charger.limit-not-applied"] = ["charger.limit-applied"],
        ["ocpp.external-limit"] = ["ocpp.external-limit", "ocpp.external-limit-cleared"],
        ["ocpp.firmware"] = ["ocpp.firmware"],
        ["ocpp.diagnostics"] = ["ocpp.diagnostics"],
    };

    private static readonly HashSet<string> Closing = [.. ClosedBy.Values.SelectMany(c => c)];

    private readonly SortedDictionary<string, FleetSite> _sites = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Ignored { get; private set; }

    public IReadOnlyList<FleetSite> Sites
    {
        get
        {
            lock (_lock)
            {
                return [.. _sites.Values];
            }
        }
    }

    public void Apply(string topic, ReadOnlySpan<byte> payload, DateTimeOffset now)
    {
        var parts = topic.Split('/');
        if (parts.Length < 4 || parts[0] != "chargenet" || parts[1] != "v1")
        {
            return;
        }

        lock (_lock)
        {
            try
            {
                using var document = JsonDocument.Parse(payload.ToArray());
                var json = document.RootElement;
                if (!_sites.TryGetValue(parts[2], out var site))
                {
                    site = _sites[parts[2]] = new FleetSite(parts[2]);
                }

                site.LastSeen = now;
                switch (parts[3])
                {
                    case CloudTopics.Status:
                        site.Online = json.GetProperty("online").GetBoolean();
                        site.Version = json.GetProperty("version").GetString();
                        break;
                    case CloudTopics.Telemetry:
                        ApplyTelemetry(site, json);
                        break;
                    case CloudTopics.Events:
                        ApplyEvent(site, json);
                        break;
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                Ignored++;
            }
        }
    }

    public string Render(DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"SITE",-20} {"ONLINE",-7} {"L1/L2/L3 A",-17} {"LIMIT A",8} {"CHARGING",9} {"ALARMS",6}  LAST SEEN");
        foreach (var site in Sites)
        {
            var load = site.GridCurrentA is { Length: 3 } a ? string.Create(CultureInfo.InvariantCulture, $"{a[0]:F0}/{a[1]:F0}/{a[2]:F0}") : site.Fallback ? "unknown" : "-";
            var online = site.Online switch { true => "yes", false => "NO", null => "?" };
            var limit = site.LimitA is { } l ? l.ToString("F0", CultureInfo.InvariantCulture) + (site.Fallback ? "*" : "") : "-";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{site.SiteId,-20} {online,-7} {load,-17} {limit,8} {site.Charging + "/" + site.Chargers,9} {site.OpenAlarms.Count,6}  {(now - site.LastSeen).TotalSeconds:F0} s ago");
        }

        return text.ToString();
    }

    private static void ApplyTelemetry(FleetSite site, JsonElement json)
    {
        var grid = json.GetProperty("grid");
        site.GridCurrentA = grid.GetProperty("currentA").ValueKind == JsonValueKind.Array ? [.. grid.GetProperty("currentA").EnumerateArray().Select(e => e.GetDouble())] : null;
        site.LimitA = grid.GetProperty("limitA").GetDouble();
        site.Fallback = grid.GetProperty("fallback").GetBoolean();
        var chargers = json.GetProperty("chargers").EnumerateArray().ToList();
        site.Chargers = chargers.Count;
        site.Charging = chargers.Count(c => c.GetProperty("connectors").EnumerateArray().Any(k => k.GetProperty("state").GetString() == "charging"));
    }

    private static void ApplyEvent(FleetSite site, JsonElement json)
    {
        var code = json.GetProperty("code").GetString() ?? "";
        var source = json.GetProperty("source").GetString() ?? "";
        var alarm = json.GetProperty("severity").GetString() is "warning" or "error";
        foreach (var (opening, closers) in ClosedBy)
        {
            if (closers.Contains(code) && !(alarm && opening == code))
            {
                site.OpenAlarms.Remove(source + " " + opening);
            }
        }

        if (alarm && (ClosedBy.ContainsKey(code) || !Closing.Contains(code)))
        {
            site.OpenAlarms.Add(source + " " + code);
        }
    }
}
