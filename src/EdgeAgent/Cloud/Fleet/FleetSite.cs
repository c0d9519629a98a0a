namespace ChargeNet.EdgeAgent.Cloud.Fleet;

/// <summary>One site as the fleet view last heard of it.</summary>
public sealed class FleetSite(string siteId)
{
    public string SiteId { get; } = siteId;

    public bool? Online { get; set; }

    public string? Version { get; set; }

    public double[]? GridCurrentA { get; set; }

    public double? LimitA { get; set; }

    public bool Fallback { get; set; }

    public int Charging { get; set; }

    public int Chargers { get; set; }

    /// <summary>Warnings and errors not yet followed by their end (keyed by source and opening code; FleetTable pairs them).</summary>
    public HashSet<string> OpenAlarms { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset LastSeen { get; set; }
}
