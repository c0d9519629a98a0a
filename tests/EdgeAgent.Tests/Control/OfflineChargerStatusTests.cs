using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Demo;
using ChargeNet.EdgeAgent.Tests.Web;
using ChargeNet.EdgeAgent.Web.Metrics;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A charger offline or in error shows no live connector: its last report (an OCPP charger's last states after its WebSocket
/// dropped, the reading before a failed Modbus read) is history. Its connectors read <c>unavailable</c> at 0 A in the status,
/// so telemetry, <c>/metrics</c> and the demo's line do not count its car as charging (docs/api.md).
/// </summary>
public sealed class OfflineChargerStatusTests
{
    private const string Lost = "CP003";

    [Fact]
    public async Task A_charger_whose_reads_fail_shows_its_connector_unavailable_at_zero_amperes()
    {
        TwoCarSite.OneChargerWrapped<ReadMissingCharger>? wrapped = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, Lost, charger => new ReadMissingCharger(charger)));

        await AssertShownOfflineAsync(harness, () => wrapped!.Charger!.Silent = true);
    }

    [Fact]
    public async Task A_charger_that_reports_itself_offline_with_its_last_states_shows_its_connector_unavailable()
    {
        TwoCarSite.OneChargerWrapped<DroppedCharger>? wrapped = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), TwoCarSite.Cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, Lost, charger => new DroppedCharger(charger)));

        await AssertShownOfflineAsync(harness, () => wrapped!.Charger!.Dropped = true);
    }

    private static async Task AssertShownOfflineAsync(SimulatedSiteHarness harness, Action loseIt)
    {
        var logger = new CapturingLogger<DemoReporter>();
        var reporter = new DemoReporter(harness.Loop, logger);
        await reporter.StartAsync(CancellationToken.None);
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var before = TwoCarSite.Connector(harness.Loop.Latest!, Lost);
        Assert.Equal("charging", before.State);
        Assert.True(before.CurrentA.Max() > 1, $"{Lost}'s car drew {before.CurrentA.Max()} A before it was lost");

        loseIt();
        await harness.RunAsync(DemoReporter.Interval + TimeSpan.FromSeconds(2));

        var status = harness.Loop.Latest!;
        var charger = status.Chargers.Single(c => c.Id == Lost);
        Assert.False(charger.Online);
        Assert.NotNull(charger.LastError);
        var shown = Assert.Single(charger.Connectors);
        Assert.Equal("unavailable", shown.State);
        Assert.Equal([0, 0, 0], shown.CurrentA);

        var other = TwoCarSite.Connector(status, "CP004");
        Assert.Equal("charging", other.State);
        Assert.Contains("chargenet_connectors_charging 1\n", MetricsEndpoint.Render(status, new ControlLoopHistograms(), null), StringComparison.Ordinal);
        var telemetry = CloudPayloads.ToTelemetry(status).Chargers.Single(c => c.Id == Lost).Connectors.Single();
        Assert.Equal("unavailable", telemetry.State);
        Assert.Equal([0, 0, 0], telemetry.CurrentA);
        Assert.Contains("| 1 charging of 1 cars", logger.Messages[^1], StringComparison.Ordinal);
        await reporter.StopAsync(CancellationToken.None);
    }
}
