namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>How a charger's link to the upstream central system stands, for the page and status (docs/upstream.md).</summary>
/// <param name="Connected">The WebSocket to the upstream is open.</param>
/// <param name="Since">When it last opened or closed.</param>
/// <param name="LastError">Why it last failed or closed (never a secret), or null.</param>
public sealed record OcppUpstreamState(bool Connected, DateTimeOffset? Since, string? LastError);
