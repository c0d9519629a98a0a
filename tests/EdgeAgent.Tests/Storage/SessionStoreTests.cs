using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Tests.Storage;

public sealed class SessionStoreTests
{
    [Theory]
    [InlineData(TestStore.File)]
    [InlineData(TestStore.Memory)]
    public async Task Sessions_are_upserted_read_back_and_listed_newest_first_with_paging_and_a_charger_filter(string kind)
    {
        using var test = TestStore.Open(kind);
        var sessions = test.Store.Sessions;
        var ct = CancellationToken.None;
        var a1 = new ChargingSession("s-a1", "CP001", 1, ChargerTransactionId.FromNumber(17), "TAG1", TestStore.T0, null, 0, null);
        var b = new ChargingSession("s-b", "wb-02", 1, null, null, TestStore.T0.AddHours(1), null, 1200.5, null);
        var a2 = new ChargingSession("s-a2", "CP001", 2, ChargerTransactionId.FromNumber(18), "TAG2", TestStore.T0.AddHours(2), TestStore.T0.AddHours(3), 8000, "EVDisconnected");

        await sessions.UpsertAsync(a1, ct);
        await sessions.UpsertAsync(b, ct);
        await sessions.UpsertAsync(a2, ct);
        Assert.Equal(a1, await sessions.GetAsync("s-a1", ct));
        Assert.Equal(b, await sessions.GetAsync("s-b", ct));
        Assert.Null(await sessions.GetAsync("s-none", ct));
        Assert.Equal(["s-a1", "s-b"], (await sessions.ListOpenAsync(ct)).Select(s => s.Id).Order());

        // Stopping a session replaces it: it is no longer open, and there is still one of it.
        var a1Stopped = a1 with { StoppedAt = TestStore.T0.AddMinutes(45), EnergyWh = 5400, StopReason = "Local" };
        await sessions.UpsertAsync(a1Stopped, ct);
        Assert.Equal(a1Stopped, await sessions.GetAsync("s-a1", ct));
        Assert.Equal(["s-b"], (await sessions.ListOpenAsync(ct)).Select(s => s.Id));
        Assert.Equal(3, await sessions.CountAsync(ct));

        Assert.Equal(["s-a2", "s-b", "s-a1"], (await sessions.ListAsync(10, 0, null, ct)).Select(s => s.Id));
        Assert.Equal(["s-b", "s-a1"], (await sessions.ListAsync(2, 1, null, ct)).Select(s => s.Id));
        Assert.Equal(["s-a2"], (await sessions.ListAsync(1, 0, null, ct)).Select(s => s.Id));
        Assert.Equal(["s-a2", "s-a1"], (await sessions.ListAsync(10, 0, "CP001", ct)).Select(s => s.Id));
        Assert.Equal(["s-a1"], (await sessions.ListAsync(10, 1, "CP001", ct)).Select(s => s.Id));
        Assert.Empty(await sessions.ListAsync(10, 0, "nobody", ct));
    }
}
