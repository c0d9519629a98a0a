using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Drivers.Tests.Modbus;

public sealed class BusSchedulerTest
{
    [Fact]
    public async Task Waiting_devices_get_the_bus_in_turn_not_in_arrival_order()
    {
        var bus = new BusScheduler();
        var order = new List<byte>();
        var holder = await bus.EnterAsync(9, CancellationToken.None);

        // Unit 1 queues three requests before unit 2 and unit 3 queue one each.
        var waiting = new List<Task>();
        foreach (var unit in new byte[] { 1, 1, 1, 2, 3 })
        {
            waiting.Add(Take(bus, unit, order));
        }

        holder.Dispose();
        await Task.WhenAll(waiting);

        Assert.Equal(new byte[] { 1, 2, 3, 1, 1 }, order);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_the_bus_goes_on()
    {
        var bus = new BusScheduler();
        var holder = await bus.EnterAsync(1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var abandoned = bus.EnterAsync(2, cancel.Token).AsTask();
        var next = bus.EnterAsync(3, CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        holder.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        (await next).Dispose();
        (await bus.EnterAsync(4, CancellationToken.None)).Dispose();
    }

    [Fact]
    public async Task The_holder_is_told_when_another_unit_waits_not_when_its_own_next_request_does()
    {
        var bus = new BusScheduler();
        var holder = await bus.EnterAsync(3, CancellationToken.None);
        var told = 0;
        using var watch = bus.WhenOtherUnitWaits(3, () => Interlocked.Increment(ref told));

        var own = bus.EnterAsync(3, CancellationToken.None).AsTask();
        Assert.Equal(0, told);
        var other = bus.EnterAsync(1, CancellationToken.None).AsTask();
        Assert.Equal(1, told);
        var another = bus.EnterAsync(2, CancellationToken.None).AsTask();
        Assert.Equal(1, told); // once

        // Asked while another unit already waits: told at once.
        var toldAtOnce = false;
        using (bus.WhenOtherUnitWaits(3, () => toldAtOnce = true))
        {
            Assert.True(toldAtOnce);
        }

        holder.Dispose();
        await Task.WhenAll(new[] { own, other, another }.Select(async turn => (await turn).Dispose()));
    }

    private static async Task Take(BusScheduler bus, byte unit, List<byte> order)
    {
        using var turn = await bus.EnterAsync(unit, CancellationToken.None);
        lock (order)
        {
            order.Add(unit);
        }
    }
}
