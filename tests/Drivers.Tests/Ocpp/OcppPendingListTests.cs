using ChargeNet.Drivers.Ocpp.Ports;

namespace ChargeNet.Drivers.Tests.Ocpp;

public sealed class OcppPendingListTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pending_chargers_are_capped_and_the_one_seen_longest_ago_is_evicted()
    {
        var pending = new OcppPendingList();
        for (var i = 0; i < OcppPendingList.MaxPending; i++)
        {
            Assert.True(pending.Record(new OcppPendingCharger($"NEW-{i}", T0.AddSeconds(i), null, null, null)));
        }

        // NEW-0 is seen again, so NEW-1 is now the stalest.
        Assert.False(pending.Record(new OcppPendingCharger("NEW-0", T0.AddHours(1), "Vendor", null, null)));
        Assert.True(pending.Record(new OcppPendingCharger("NEWEST", T0.AddHours(2), null, null, null)));

        Assert.Equal(OcppPendingList.MaxPending, pending.All.Count);
        Assert.DoesNotContain("NEW-1", pending.All.Keys);
        Assert.Contains("NEW-0", pending.All.Keys);
        Assert.Contains("NEWEST", pending.All.Keys);
    }
}
