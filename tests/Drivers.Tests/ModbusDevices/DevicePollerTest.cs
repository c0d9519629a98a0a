using ChargeNet.Drivers.Modbus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

public sealed class DevicePollerTest
{
    [Fact]
    public async Task A_reading_older_than_the_stale_time_counts_as_unknown_and_a_failing_poll_is_survived()
    {
        var time = new FakeTimeProvider();
        var fail = false;
        var reads = 0;
        var poller = new DevicePoller<string>(
            "m1",
            _ => fail ? throw new InvalidOperationException("device gone") : Task.FromResult($"reading {++reads}"),
            TimeSpan.FromMilliseconds(500),
            TimeSpan.FromMilliseconds(1500),
            time,
            NullLogger.Instance);

        await poller.PollOnceAsync(CancellationToken.None);
        Assert.True(poller.TryGetFresh(out var fresh));
        Assert.Equal("reading 1", fresh);

        fail = true;
        time.Advance(TimeSpan.FromMilliseconds(1000));
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.True(poller.TryGetFresh(out _));

        time.Advance(TimeSpan.FromMilliseconds(600));
        await poller.PollOnceAsync(CancellationToken.None);
        Assert.False(poller.TryGetFresh(out _));
        Assert.Equal("reading 1", poller.Latest?.Value);
    }

    [Fact]
    public async Task It_polls_once_per_period_of_the_clock_it_is_given()
    {
        var time = new FakeTimeProvider();
        var reads = 0;
        var third = new TaskCompletionSource();
        var poller = new DevicePoller<string>(
            "m1",
            _ =>
            {
                if (Interlocked.Increment(ref reads) == 3)
                {
                    third.TrySetResult();
                }

                return Task.FromResult("r");
            },
            TimeSpan.FromMilliseconds(500),
            TimeSpan.FromSeconds(2),
            time,
            NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = poller.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => Volatile.Read(ref reads) == 1, "the first poll ran");
        time.Advance(TimeSpan.FromMilliseconds(500));
        await Eventually.TrueAsync(() => Volatile.Read(ref reads) == 2, "the second poll ran");
        time.Advance(TimeSpan.FromMilliseconds(500));
        await third.Task.WaitAsync(TimeSpan.FromSeconds(5));

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, reads);
    }
}
