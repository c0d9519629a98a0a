using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>Where telemetry comes from: the control loop's latest status in the daemon, anything in tests.</summary>
public sealed class CloudTelemetrySource(Func<SiteStatus?> latest)
{
    public SiteStatus? Latest => latest();
}
