namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>How a charger's link to the upstream central system stands, for the page, status, telemetry and metrics (docs/upstream.md, "Visible").</summary>
/// <param name="Connected">The WebSocket to the upstream is open.</param>
/// <param name="Since">When it last opened or went down (repeated failed tries do not move it); null before the first try.</param>
/// <param name="LastError">Why it last failed or closed (never a secret), or null.</param>
public sealed record OcppUpstreamState(bool Connected, DateTimeOffset? Since, string? LastError)
{
    /// <summary>How many of the charger's messages wait for the upstream.</summary>
    public int Queued { get; init; }

    /// <summary>The upstream's answer to the charger's last relayed boot (Accepted, Pending, Rejected); null before one.</summary>
    public string? Registration { get; init; }
}
