using ChargeNet.LoadBalancer.Tests.Support;
using static ChargeNet.LoadBalancer.Tests.FairSharePhaseAndLoadTests;
using static ChargeNet.LoadBalancer.Tests.Support.Sites;

namespace ChargeNet.LoadBalancer.Tests;

public sealed class LoadAllocatorTests
{
    [Fact]
    public void Keeps_the_memory_between_cycles_until_reset()
    {
        // A runs alone on 10 A; B arrives 10 s later: A's run time keeps it running and B waits.
        // After a reset the allocator has forgotten that A started: A (more energy) waits for B.
        var allocator = new LoadAllocator(new FairShareStrategy());
        var a = Car("a", energyWh: 5000);
        var b = Car("b", energyWh: 0);
        allocator.Allocate(Snapshot(Settings(), [Grid(10)], a));

        var held = allocator.Allocate(At(Now.AddSeconds(10), Snapshot(Settings(), [Grid(10)], a, b)));
        Assert.Equal((10.0, 0.0), (held.Connectors[0].LimitA, held.Connectors[1].LimitA));

        allocator.Reset();
        var fresh = allocator.Allocate(At(Now.AddSeconds(11), Snapshot(Settings(), [Grid(10)], a, b)));
        Assert.Equal((0.0, 10.0), (fresh.Connectors[0].LimitA, fresh.Connectors[1].LimitA));
        Assert.Equal("fair-share", fresh.StrategyName);
    }
}
