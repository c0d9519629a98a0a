using ChargeNet.EdgeAgent.Control;
using ChargeNet.LoadBalancer;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>
/// A charger that says it is offline is sent nothing, so the failsafe its plan lowers it to is no decrease on its way: raises
/// elsewhere go out while it stays away (property 8 waits for decreases that can reach a charger; docs/control-loop-sessions.md,
/// Session 46, "An offline charger held every raise"). It held them in the planner as well as at the charger before.
/// </summary>
public sealed class OfflineChargerHoldsNoRaiseTests
{
    private const string Away = "CP003";
    private const string Raised = "CP004";

    [Fact]
    public async Task A_car_is_raised_while_another_charger_is_offline()
    {
        // The building draws little: both 16 A cars fit, with the offline charger counted at the most it may hold.
        var cars = TwoCarSite.Cars with { BaseLoadDayA = new(8, 4, 6), BaseLoadNightA = new(8, 4, 6) };
        TwoCarSite.OneChargerWrapped<DroppedCharger>? wrapped = null;
        await using var harness = await SimulatedSiteHarness.StartAsync(TwoCarSite.Configuration(), cars, new FairShareStrategy(),
            devices: simulated => wrapped = new(simulated, Away, charger => new DroppedCharger(charger)));
        harness.ManualLimits.Set(new ManualLimit(Raised, null, 8, harness.Time.GetUtcNow(), "test", null));
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(8, TwoCarSite.Connector(harness.Loop.Latest!, Raised).LimitA);

        wrapped!.Charger!.Dropped = true;
        await harness.RunAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(harness.ManualLimits.Clear(Raised, null));
        await harness.RunAsync(TimeSpan.FromSeconds(30));

        var status = harness.Loop.Latest!;
        Assert.False(status.Chargers.Single(c => c.Id == Away).Online);
        var raised = TwoCarSite.Connector(status, Raised);
        Assert.True(raised.LimitA >= 15, $"{Raised} was left at {raised.LimitA} A ({raised.Reason}) while {Away} was offline, with room for its car's 16 A");
    }
}
