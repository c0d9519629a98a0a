using System.Net;
using System.Net.Sockets;
using ChargeNet.EdgeAgent.Cloud;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// The link's own reconnect wait, not .NET's: against a real loopback peer that takes the TCP
/// connection and closes it at once (a broken broker), the next attempt comes only when the link's
/// injected clock has passed the backoff, however long real time runs.
/// </summary>
public sealed class CloudReconnectClockTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-backoff-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task The_link_waits_out_its_backoff_on_the_injected_clock_before_it_tries_again()
    {
        using var broker = new TcpListener(IPAddress.Loopback, 0);
        broker.Start();
        var attempts = 0;
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await broker.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref attempts);
            }
        });
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tuning = new CloudSyncOptions { ReconnectInitial = TimeSpan.FromHours(1), ReconnectMax = TimeSpan.FromHours(1), ConnectTimeout = TimeSpan.FromSeconds(5) };
        await using var harness = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site("site-backoff", ((IPEndPoint)broker.LocalEndpoint).Port), tuning, clock: clock);

        await UntilAsync(() => Volatile.Read(ref attempts) >= 1, "the first attempt");
        var first = Volatile.Read(ref attempts);
        await Task.Delay(TimeSpan.FromSeconds(1)); // real time passes: nothing, the wait is on the link's clock
        Assert.Equal(first, Volatile.Read(ref attempts));

        // An hour of the link's clock (the ceiling; the jittered wait is below it): it tries again.
        await UntilAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromHours(1));
                return Volatile.Read(ref attempts) > first;
            },
            "the attempt after the backoff");

        await stop.CancelAsync();
        broker.Stop();
        await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task UntilAsync(Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50);
        }
    }
}
