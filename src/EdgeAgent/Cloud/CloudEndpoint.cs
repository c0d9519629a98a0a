using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The broker a site talks to: its cloud settings and the site id that names the client and the topics.</summary>
public sealed record CloudEndpoint(string SiteId, CloudSettings Settings)
{
    public string ClientId => "chargenet-" + SiteId;

    /// <summary>The endpoint of a configuration, or null when the cloud link is off or incomplete.</summary>
    public static CloudEndpoint? Of(SiteConfiguration? site) =>
        site is { Cloud: { Enabled: true, Host: { Length: > 0 } } cloud } && site.SiteId.Length > 0 ? new CloudEndpoint(site.SiteId, cloud) : null;
}
