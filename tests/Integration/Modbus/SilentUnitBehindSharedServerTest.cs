using System.Text.Json;
using System.Text.Json.Nodes;
using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Templates;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.Integration.Tests.Peers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.Modbus;

/// <summary>
/// A grid meter (unit 1) and a circuit meter (unit 3) behind one Modbus TCP server (npm modbus-serial, in
/// tests/peers/site/physics-site.js), read as the daemon reads them: one shared link, both every 0.5 s with the
/// loop's 0.8 s read deadline, judged by the loop's <see cref="MeterWatch"/>. When the circuit meter stops
/// answering, or answers only after the timeout, the grid meter stays fresh, the socket stays open, the late
/// replies never pass for the grid's, and the circuit meter is read again once it answers (docs/devices.md,
/// "Several devices on one link").
/// </summary>
public sealed class SilentUnitBehindSharedServerTest(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Poll = ModbusDeviceOptions.MeterPollPeriod;
    private static readonly TimeSpan ReadDeadline = new ControlLoopOptions().ReadTimeout;

    // The site's grid.meterTimeoutS (3 s by default): older, and the loop falls back.
    private static readonly TimeSpan MeterTimeout = TimeSpan.FromSeconds(3);

    private NodePeer? _site;
    private int _port;

    public async Task InitializeAsync()
    {
        // The grid meter reads 10 A base + 2 A of the circuit's own load; the circuit meter about 2 A.
        var config = JsonSerializer.Serialize(new { baseA = 10, ocpp = Array.Empty<string>(), circuit = new { chargers = Array.Empty<string>(), limitA = 25, loadA = 2 } });
        _site = await NodePeer.StartAsync("site/physics-site.js", [config]);
        _port = JsonDocument.Parse(_site.ReadyInfo).RootElement.GetProperty("port").GetInt32();
    }

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_grid_meter_stays_fresh_while_the_circuit_meter_behind_the_same_server_is_late_then_silent()
    {
        var log = new LinkLog();
        await using var links = new ModbusLinkPool(TimeProvider.System, log);
        var factory = new ModbusDeviceFactory(DeviceTemplateCatalog.LoadBuiltIn(NullLogger.Instance), links, TimeProvider.System, NullLoggerFactory.Instance);
        var endpoint = ModbusEndpoint.Tcp("127.0.0.1", _port);
        await using var grid = factory.CreateMeter("grid", "eastron-sdm630", endpoint, 1);
        await using var circuit = factory.CreateMeter("lift-meter", "eastron-sdm630", endpoint, 3);
        var feed = new Feed(grid, circuit);
        using var stop = new CancellationTokenSource();
        var polling = feed.RunAsync(stop.Token);

        await UntilAsync(() => !feed.Grid.IsStale(Now, MeterTimeout) && !feed.Circuit.IsStale(Now, MeterTimeout), "both meters read");

        foreach (var fault in new[] { "late", "silent" })
        {
            await Command(new JsonObject { ["op"] = "circuitMeter", ["fault"] = fault });
            var worstAge = await WorstGridAgeOverAsync(feed, TimeSpan.FromSeconds(12));
            output.WriteLine($"circuit meter {fault}: the grid reading was at most {worstAge.TotalSeconds:0.00} s old");
            Assert.True(worstAge <= MeterTimeout, $"with the circuit meter {fault} the grid reading grew {worstAge.TotalSeconds:0.0} s old (stale past {MeterTimeout.TotalSeconds} s)");
            Assert.True(feed.Circuit.IsStale(Now, MeterTimeout), $"the {fault} circuit meter still reads as fresh");
        }

        // The circuit meter answers again: it is asked within its longest back-off and reads fresh.
        await Command(new JsonObject { ["op"] = "circuitMeter", ["fault"] = "none" });
        await UntilAsync(() => !feed.Circuit.IsStale(Now, MeterTimeout), "the circuit meter read again");

        await stop.CancelAsync();
        await polling;
        Assert.Equal(1, log.Connects);
        Assert.True(feed.GridLowestL1A >= 10, $"a grid reading of {feed.GridLowestL1A:0.0} A on L1: another unit's reply was taken for the grid's");
    }

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private static async Task<TimeSpan> WorstGridAgeOverAsync(Feed feed, TimeSpan span)
    {
        var worst = TimeSpan.Zero;
        var until = DateTime.UtcNow + span;
        while (DateTime.UtcNow < until)
        {
            if (feed.Grid.Latest is { } latest && Now - latest.Timestamp > worst)
            {
                worst = Now - latest.Timestamp;
            }

            await Task.Delay(50);
        }

        return worst;
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    private async Task Command(JsonObject command)
    {
        var answer = await _site!.CommandAsync(command, TimeSpan.FromSeconds(30));
        Assert.True(answer.GetProperty("ok").GetBoolean(), answer.ToString());
    }

    /// <summary>Reads both meters as the daemon's grid-meter feed does: together, every poll period, each with the loop's read deadline.</summary>
    private sealed class Feed(IMeter grid, IMeter circuit)
    {
        private double _gridLowestL1A = double.MaxValue;

        public MeterWatch Grid { get; } = new();

        public MeterWatch Circuit { get; } = new();

        public double GridLowestL1A => Volatile.Read(ref _gridLowestL1A);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                await PollAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped.
            }
        }

        private async Task PollAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = DateTime.UtcNow;
                var circuitRead = Circuit.ReadAsync(circuit, TimeProvider.System, ReadDeadline, cancellationToken);
                if (await Grid.ReadAsync(grid, TimeProvider.System, ReadDeadline, cancellationToken).ConfigureAwait(false))
                {
                    Volatile.Write(ref _gridLowestL1A, Math.Min(GridLowestL1A, Grid.Latest!.CurrentA.L1));
                }

                await circuitRead.ConfigureAwait(false);
                var wait = started + Poll - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Counts the link's (re)connects from its log.</summary>
    private sealed class LinkLog : ILogger
    {
        private int _connects;

        public int Connects => Volatile.Read(ref _connects);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).EndsWith(" connected", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _connects);
            }
        }
    }
}
