using ChargeNet.Drivers.Ocpp.Upstream;
using ChargeNet.EdgeAgent.Configuration;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Ocpp;

/// <summary>
/// Puts each relayed charger's upstream link on a status (docs/upstream.md, "Visible"): up or down
/// since when, how many messages wait for the upstream, its last error, its boot answer. The port
/// through which the control loop's status learns of the relay, without the loop knowing it.
/// </summary>
public sealed class UpstreamLinkStatus(OcppUpstreamRelay relay, SiteConfigurationService configuration)
{
    private static readonly OcppUpstreamState NotYetSeen = new(false, null, null);

    /// <summary><paramref name="status"/> with the upstream link on every relayed charger; the same status without an upstream.</summary>
    public SiteStatus? On(SiteStatus? status)
    {
        if (status is null || configuration.Current?.Site is not { Ocpp.Upstream: { } upstream } site)
        {
            return status;
        }

        var relayed = site.Chargers.Where(c => OcppUpstreamSettingsRules.IsRelayed(upstream, c)).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (relayed.Count == 0)
        {
            return status;
        }

        return status with
        {
            Chargers = [.. status.Chargers.Select(c => relayed.Contains(c.Id) ? c with { Upstream = relay.StateOf(c.Id) ?? NotYetSeen } : c)],
        };
    }
}
