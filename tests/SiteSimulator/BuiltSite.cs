using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.SiteSimulator;

/// <summary>A simulated site as <see cref="SiteBuilder"/> made it: its site.json, its physics, its devices and its script.</summary>
public sealed record BuiltSite(
    SiteRecipe Recipe,
    SiteConfiguration Configuration,
    PhysicalSite Physics,
    DeviceAnswers Answers,
    SiteDeviceFactory Devices,
    IReadOnlyList<OcppLikeCharger> OcppChargers,
    SimMeter GridMeter,
    SiteTimeline Timeline);
