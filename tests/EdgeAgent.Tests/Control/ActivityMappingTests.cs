using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class ActivityMappingTests
{
    // The one mapping, written out: a new state on either side fails here until it is placed.
    private static readonly Dictionary<ConnectorState, ConnectorActivity> Expected = new()
    {
        [ConnectorState.Available] = ConnectorActivity.Available,
        [ConnectorState.CarConnected] = ConnectorActivity.CarConnected,
        [ConnectorState.Charging] = ConnectorActivity.Charging,
        [ConnectorState.SuspendedByCar] = ConnectorActivity.SuspendedByCar,
        [ConnectorState.SuspendedByController] = ConnectorActivity.SuspendedByController,
        [ConnectorState.Faulted] = ConnectorActivity.Faulted,
        [ConnectorState.Unavailable] = ConnectorActivity.Unavailable,
    };

    [Fact]
    public void Every_connector_state_maps_to_the_activity_written_here_and_every_activity_is_reached()
    {
        Assert.Equal(Enum.GetValues<ConnectorState>().Order(), Expected.Keys.Order());
        foreach (var (state, activity) in Expected)
        {
            Assert.Equal(activity, ActivityMapping.Of(state));
        }

        Assert.Equal(Enum.GetValues<ConnectorActivity>().Order(), Expected.Values.Order());
    }

    [Fact]
    public void A_connector_with_no_status_yet_and_a_state_no_one_knows_count_as_a_car_never_as_idle()
    {
        Assert.Equal(ConnectorActivity.Charging, SiteModel.ActivityOf(null));
        Assert.Equal(ConnectorActivity.Charging, ActivityMapping.Of((ConnectorState)99));
    }
}
