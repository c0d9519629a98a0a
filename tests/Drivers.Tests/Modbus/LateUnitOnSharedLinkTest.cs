using ChargeNet.Drivers.Modbus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChargeNet.Drivers.Tests.Modbus;

/// <summary>
/// A unit that answers late or not at all behind a shared Modbus TCP link must not cost the others their reads: its
/// request gives the link way once it has gone unanswered for half its timeout while another unit waits, and a late
/// reply of it that comes in one read with the next unit's reply is dropped, the socket kept (docs/devices.md,
/// "Several devices on one link"). Time is a <see cref="FakeTimeProvider"/>: the half-timeout mark is exact.
/// </summary>
public sealed class LateUnitOnSharedLinkTest : IAsyncLifetime
{
    private static readonly ModbusClientOptions Options = new() { Timeout = TimeSpan.FromSeconds(1), Retries = 0 };

    // How long the test waits, in real time, for an outcome that fake time has made due.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryGateway _gateway = new();
    private readonly ModbusClient _client;

    public LateUnitOnSharedLinkTest()
    {
        _client = new(new ModbusStreamTransport(_gateway, MbapFramer.Instance, _time, NullLogger.Instance, Options), Options, _time, NullLogger.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Closing waits for the link: let a request still waiting (a test that failed) time out first.
        _time.Advance(TimeSpan.FromMinutes(1));
        await _client.DisposeAsync().AsTask().WaitAsync(Deadline);
    }

    [Fact]
    public async Task An_unanswered_request_gives_the_link_way_after_half_its_timeout_when_another_unit_waits()
    {
        Assert.Equal(11, await Read(1));
        _gateway.SetSilent(3, true);

        // The circuit meter's request went first; the grid meter's read waits for the link behind it.
        var circuit = _client.ReadHoldingRegistersAsync(3, 0, 1, CancellationToken.None);
        var grid = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(grid.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(11, (await grid.WaitAsync(Deadline))[0]);
        var gaveWay = await Assert.ThrowsAsync<ModbusTimeoutException>(() => circuit.WaitAsync(Deadline));
        Assert.Contains("gave the link way", gaveWay.Message, StringComparison.Ordinal);
        Assert.Equal(1, _gateway.Connects);
    }

    [Fact]
    public async Task Giving_way_counts_as_a_miss_so_a_unit_that_keeps_not_answering_is_backed_off()
    {
        Assert.Equal(11, await Read(1));
        _gateway.SetSilent(3, true);
        for (var miss = 0; miss < UnitSilence.SilentAfter; miss++)
        {
            var circuit = _client.ReadHoldingRegistersAsync(3, 0, 1, CancellationToken.None);
            var grid = _client.ReadHoldingRegistersAsync(1, 0, 1, CancellationToken.None);
            _time.Advance(TimeSpan.FromMilliseconds(500));
            Assert.Equal(11, (await grid.WaitAsync(Deadline))[0]);
            await Assert.ThrowsAsync<ModbusTimeoutException>(() => circuit.WaitAsync(Deadline));
        }

        await Assert.ThrowsAsync<ModbusUnitSilentException>(() => _client.ReadHoldingRegistersAsync(3, 0, 1, CancellationToken.None));
        Assert.Equal(UnitSilence.SilentAfter, _gateway.RequestsTo(3));
    }

    [Fact]
    public async Task Alone_on_the_link_an_unanswered_request_waits_its_whole_timeout()
    {
        _gateway.SetSilent(3, true);
        var circuit = _client.ReadHoldingRegistersAsync(3, 0, 1, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(circuit.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var timedOut = await Assert.ThrowsAsync<ModbusTimeoutException>(() => circuit.WaitAsync(Deadline));
        Assert.DoesNotContain("gave the link way", timedOut.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_reply_in_the_same_read_as_the_next_reply_is_dropped_and_the_socket_kept()
    {
        _gateway.SetSilent(3, true);
        _gateway.LateReplies = true;
        _gateway.LateRepliesTrail = true;
        var circuit = _client.ReadHoldingRegistersAsync(3, 0, 1, CancellationToken.None);
        _time.Advance(Options.Timeout);
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => circuit.WaitAsync(Deadline));

        // The grid meter's reply comes with the circuit meter's late one right behind it, in one read.
        Assert.Equal(11, await Read(1));
        Assert.Equal(11, await Read(1));
        Assert.Equal(1, _gateway.Connects);
    }

    private async Task<ushort> Read(byte unit) =>
        (await _client.ReadHoldingRegistersAsync(unit, 0, 1, CancellationToken.None).WaitAsync(Deadline))[0];
}
