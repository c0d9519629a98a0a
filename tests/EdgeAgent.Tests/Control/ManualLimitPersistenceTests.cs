using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Tests.Storage;

namespace ChargeNet.EdgeAgent.Tests.Control;

/// <summary>Manual limits in a real LiteDB file: what is set, cleared or lapsed before a restart is what holds after it.</summary>
public sealed class ManualLimitPersistenceTests : IDisposable
{
    private readonly TestStore _file = TestStore.Open(TestStore.File);

    public void Dispose() => _file.Dispose();

    [Fact]
    public void Limits_set_before_a_restart_are_in_force_after_it_with_their_expiry_and_cleared_ones_stay_cleared()
    {
        var t0 = TestStore.T0;
        var limits = new ManualLimits(_file.Store.ManualLimits);
        limits.Set(new ManualLimit("CP001", 1, 0, t0, "admin", t0.AddHours(4)));
        limits.Set(new ManualLimit("CP002", null, 10, t0, "admin", null));
        limits.Set(new ManualLimit("CP003", null, 8, t0, "admin", null));
        limits.Clear("CP003", null);

        _file.Reopen();
        var restored = new ManualLimits(_file.Store.ManualLimits);

        Assert.Equal(
            [new ManualLimit("CP001", 1, 0, t0, "admin", t0.AddHours(4)), new ManualLimit("CP002", null, 10, t0, "admin", null)],
            restored.All.OrderBy(l => l.ChargerId, StringComparer.Ordinal));
        Assert.Equal(0, ManualLimits.For(restored.All, "CP001", 1, t0.AddHours(1))!.MaxCurrentA);
    }

    [Fact]
    public void A_limit_that_lapsed_is_gone_from_the_file_too()
    {
        var t0 = TestStore.T0;
        var limits = new ManualLimits(_file.Store.ManualLimits);
        limits.Set(new ManualLimit("CP001", null, 0, t0, "admin", t0.AddMinutes(5)));

        Assert.Single(limits.RemoveExpired(t0.AddMinutes(6)));
        _file.Reopen();

        Assert.Empty(new ManualLimits(_file.Store.ManualLimits).All);
    }
}
