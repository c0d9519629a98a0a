using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Simulation;

namespace ChargeNet.Drivers.Tests.Simulation;

public sealed class SimulatedChargerTests
{
    [Theory]
    [InlineData(1, -1)]
    [InlineData(1, 32.5)]
    [InlineData(1, double.NaN)]
    [InlineData(2, 16)] // it has one connector
    [InlineData(0, 16)]
    public async Task A_limit_outside_0_to_max_or_on_a_connector_it_lacks_is_rejected_and_changes_nothing(int connector, double limitA)
    {
        var quiet = new QuietSite();
        var wiring = quiet.Site.AddCharger("CP1", [0, 1, 2]);
        var charger = new SimulatedCharger(wiring, 32, quiet.Time);
        Assert.Equal(SetpointOutcome.Accepted, (await charger.SetCurrentLimitAsync(1, 10, CancellationToken.None)).Outcome);

        var result = await charger.SetCurrentLimitAsync(connector, limitA, CancellationToken.None);

        Assert.Equal(SetpointOutcome.Rejected, result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
        Assert.Equal(10, wiring.Outlets[0].OfferedA);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(32)]
    public async Task A_limit_within_0_to_max_is_applied_and_reported(double limitA)
    {
        var quiet = new QuietSite();
        var wiring = quiet.Site.AddCharger("CP1", [0, 1, 2]);
        var charger = new SimulatedCharger(wiring, 32, quiet.Time);

        var result = await charger.SetCurrentLimitAsync(1, limitA, CancellationToken.None);
        var status = await charger.ReadStatusAsync(CancellationToken.None);

        Assert.Equal(SetpointResult.Accepted, result);
        Assert.Equal(limitA, wiring.Outlets[0].OfferedA);
        var connector = Assert.Single(status.Connectors);
        Assert.Equal((1, limitA, ConnectorState.Available), (connector.ConnectorId, connector.LimitA, connector.State));
        Assert.Equal(("CP1", true, quiet.Time.GetUtcNow()), (status.ChargerId, status.Online, status.Timestamp));
    }

    [Fact]
    public async Task An_offline_charger_cannot_be_read_and_a_limit_fails()
    {
        var quiet = new QuietSite();
        var wiring = quiet.Site.AddCharger("CP1", [0, 1, 2]);
        var charger = new SimulatedCharger(wiring, 32, quiet.Time) { Online = false };

        await Assert.ThrowsAsync<DeviceException>(() => charger.ReadStatusAsync(CancellationToken.None));
        Assert.Equal(SetpointOutcome.Failed, (await charger.SetCurrentLimitAsync(1, 16, CancellationToken.None)).Outcome);
        Assert.Equal(0, wiring.Outlets[0].OfferedA);
    }
}
