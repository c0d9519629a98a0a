namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>
/// The operator's central system (CSMS) the edge relays its chargers to, as a local controller
/// (docs/upstream.md). Each relayed charger has one connection to <c>{Url}{upstreamId}</c>.
/// </summary>
public sealed record OcppUpstreamSettings
{
    /// <summary>The ws:// or wss:// URL the charger's URL-encoded upstreamId is appended to.</summary>
    public string Url { get; init; } = "";

    /// <summary>A PEM file of the authority the upstream's TLS certificate must chain to; null: the system's authorities.</summary>
    public string? CaFile { get; init; }

    /// <summary>The OCPP chargers relayed, by id; null: every OCPP charger.</summary>
    public IReadOnlyList<string>? Chargers { get; init; }

    /// <summary>Modbus chargers presented upstream as OCPP 1.6 charge points.</summary>
    public IReadOnlyList<string>? VirtualChargers { get; init; }

    /// <summary>How long a charger's call waits for the upstream's answer before the edge answers it itself.</summary>
    public double AnswerTimeoutS { get; init; } = 5;
}
