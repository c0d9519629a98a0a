using System.Text.Json;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>Turns the daemon's records into the JSON payloads of the topics; nothing else.</summary>
public static class CloudPayloads
{
    public static string Status(StatusPayload status) => JsonSerializer.Serialize(status, CloudJsonContext.Default.StatusPayload);

    public static string Event(EdgeEvent e) => JsonSerializer.Serialize(e, CloudJsonContext.Default.EdgeEvent);

    public static string Session(ChargingSession s) => JsonSerializer.Serialize(s with { EnergyWh = Math.Round(s.EnergyWh, 1) }, CloudJsonContext.Default.ChargingSession);

    public static string Result(CommandResult result) => JsonSerializer.Serialize(result, CloudJsonContext.Default.CommandResult);

    public static string Telemetry(SiteStatus status) => JsonSerializer.Serialize(ToTelemetry(status), CloudJsonContext.Default.TelemetryPayload);

    public static TelemetryPayload ToTelemetry(SiteStatus status) => new(
        status.Ts,
        status.Revision,
        new TelemetryGrid(status.Grid.CurrentA is { } grid ? Round(grid) : null, status.Grid.LimitA, status.Grid.Fallback)
        {
            UncontrolledA = status.Grid.UncontrolledA is { } uncontrolled ? Round(uncontrolled) : null,
        },
        Round(status.AllocatedA),
        [.. status.Chargers.Select(c => new TelemetryCharger(
            c.Id,
            c.Online,
            [.. c.Connectors.Select(k => new TelemetryConnector(k.Id, k.State, Round(k.CurrentA), k.LimitA is { } limit ? Math.Round(limit, 1) : null, k.Cost))]) { Unsecured = c.Unsecured, Upstream = c.Upstream })],
        Math.Round(status.CycleMs, 2),
        status.Latency)
    {
        Controlling = status.Controlling,
        FailedCycles = status.FailedCycles,
        StartupHold = status.StartupHold,
        Constraints = status.Constraints,
        Peak = status.Peak,
    };

    // Tenths of an ampere are what a meter resolves; more digits only make the message longer.
    private static double[] Round(double[] values) => [.. values.Select(v => Math.Round(v, 1))];
}
