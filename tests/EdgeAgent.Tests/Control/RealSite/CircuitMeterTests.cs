using ChargeNet.SiteSimulator;

namespace ChargeNet.EdgeAgent.Tests.Control.RealSite;

/// <summary>
/// Item 9: a circuit's own meter is read. 40 connectors on four circuits; c3 (80 A, metered) carries 60 A per
/// phase of load nobody controls, leaving its ten cars 15 A — the grid meter alone cannot tell which circuit
/// that load is on, and the grid's share would give them about 25 A. Read, the loop keeps them within it.
/// </summary>
public sealed class CircuitMeterTests
{
    public static TheoryData<int, double> Sites => new() { { 91, 1 }, { 92, 2 }, { 93, 5 } };

    [RealSiteTheory]
    [MemberData(nameof(Sites))]
    public async Task Cars_on_a_metered_circuit_leave_room_for_the_load_its_meter_sees(int seed, double deadTimeS)
    {
        var recipe = RandomRecipes.Site(seed, deadTimeS) with { Connectors = 40, Occupancy = 1, LoadedCircuit = "c3", CircuitLoadA = 60 };

        var f = await RealSiteRun.FiguresAsync(recipe);

        Assert.True(f.MaxOverloadA <= 1, $"car-caused overload {f.MaxOverloadA:0.0} A: {f}");
    }
}
