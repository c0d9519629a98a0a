namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The local OCPP central system.</summary>
public sealed record OcppSettings
{
    /// <summary>Admit unknown charge point ids as pending instead of refusing them.</summary>
    public bool AcceptNewChargers { get; init; }

    /// <summary>A PKCS#12 certificate for wss:// (security profile 2); null for ws://.</summary>
    public string? CertificateFile { get; init; }

    /// <summary>What to do with an idTag that is neither in the local list nor in the cache: <c>acceptAll</c> (default) or <c>knownOnly</c>.</summary>
    public string UnknownTagPolicy { get; init; } = UnknownTagPolicies.AcceptAll;

    /// <summary>The operator's central system the chargers are relayed to; null: the edge is their only central system.</summary>
    public OcppUpstreamSettings? Upstream { get; init; }
}
