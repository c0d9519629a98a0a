namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The local web page and REST API.</summary>
public sealed record WebSettings
{
    /// <summary>Let anyone on the local network read the site status without logging in.</summary>
    public bool PublicStatus { get; init; }
}
