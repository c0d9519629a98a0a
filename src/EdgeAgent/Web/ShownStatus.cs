using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Ocpp;
using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Web;

/// <summary>
/// The status as the API, its live feed, the page, MQTT telemetry and the metrics show it: the
/// control loop's, with each connector's running cost and each relayed charger's upstream link.
/// </summary>
public sealed class ShownStatus(RunningCosts costs, UpstreamLinkStatus? upstream = null)
{
    public SiteStatus? On(SiteStatus? status) => upstream is null ? costs.On(status) : upstream.On(costs.On(status));
}
