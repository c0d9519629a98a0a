namespace ChargeNet.LoadBalancer.Tests;

public sealed class PhaseCurrentsTests
{
    [Theory]
    [InlineData(0, 0, 0, 2, 0b000)]
    [InlineData(2, 1.99, 16, 2, 0b101)]
    [InlineData(1, 1, 1, 1, 0b111)]
    [InlineData(double.NaN, 5, 0.5, 1, 0b010)]
    public void The_phases_carrying_at_least_a_current_are_a_mask_L1_first(double l1, double l2, double l3, double atLeastA, int mask)
    {
        Assert.Equal(mask, new PhaseCurrents(l1, l2, l3).PhasesCarrying(atLeastA));
    }
}
