using ChargeNet.LoadBalancer.Tests.Support;

namespace ChargeNet.LoadBalancer.Tests;

/// <summary>After warm-up, an allocation allocates no memory (the control loop runs several times a second on a Pi).</summary>
public sealed class SteadyStateAllocationTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Allocating_again_allocates_no_memory(int seed)
    {
        var snapshot = RandomSites.Build(seed, SiteFeatures.All);
        snapshot = snapshot with { Settings = snapshot.Settings with { DeadlineAware = true, RampUpAPerSecond = 2, ReclaimEnabled = true, EnergyCapPeriod = TimeSpan.FromSeconds(5) } };
        IAllocationStrategy[] strategies = [new FairShareStrategy(), new EqualShareStrategy(), new FirstComeFirstServedStrategy()];
        foreach (var strategy in strategies)
        {
            var (state, result) = (new BalancerState(), new AllocationResult());
            strategy.Allocate(snapshot, state, result);
            strategy.Allocate(snapshot, state, result);

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var call = 0; call < 10; call++)
            {
                strategy.Allocate(snapshot, state, result);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
