namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The local OCPP central system.</summary>
public sealed record OcppSettings
{
    /// <summary>Admit unknown charge point ids as pending instead of refusing them.</summary>
    public bool AcceptNewChargers { get; init; }

    /// <summary>A PKCS#12 certificate for wss:// (security profile 2); null for ws://.</summary>
    public string? CertificateFile { get; init; }
}
