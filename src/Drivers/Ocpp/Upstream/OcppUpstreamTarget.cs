namespace ChargeNet.Drivers.Ocpp.Upstream;

/// <summary>Where and how one charger is relayed to the operator's central system (docs/upstream.md).</summary>
/// <param name="Url">The base URL with the charger's URL-encoded upstream id appended.</param>
/// <param name="UpstreamId">The charger's id upstream: the HTTP Basic user name.</param>
/// <param name="Password">The HTTP Basic password; a secret, never logged; null: no Authorization header.</param>
/// <param name="CaFile">A PEM file of the authority the upstream's certificate must chain to; null: the system's.</param>
/// <param name="AnswerTimeout">How long a charger's call waits for the upstream's answer before the edge answers it itself.</param>
public sealed record OcppUpstreamTarget(Uri Url, string UpstreamId, string? Password, string? CaFile, TimeSpan AnswerTimeout)
{
    /// <summary><paramref name="baseUrl"/> + the URL-encoded <paramref name="upstreamId"/>.</summary>
    public static Uri UrlOf(string baseUrl, string upstreamId) => new(baseUrl + Uri.EscapeDataString(upstreamId));

    // The password must never reach a log line through a record's generated ToString.
    public override string ToString() => $"{Url} as {UpstreamId}";
}
