using ChargeNet.Drivers.Modbus;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.Modbus;

/// <summary>
/// Several units behind one Modbus TCP link (a gateway): silence is counted per unit. A silent unit is asked
/// once more, then backed off without touching the link; the socket stays open while another unit answers; its
/// late replies are dropped by transaction id; and only when every unit is silent is the socket reopened.
/// </summary>
public sealed class SilentUnitOnSharedLinkTest
{
    // Short timeouts keep the test quick; a back-off of seconds keeps "refused at once" clear of a loaded machine's stalls.
    private static readonly ModbusClientOptions Options = new()
    {
        Timeout = TimeSpan.FromMilliseconds(100),
        Retries = 2,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        SilentUnitBackoff = TimeSpan.FromSeconds(2),
        SilentUnitMaxBackoff = TimeSpan.FromSeconds(4),
    };

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_silent_unit_is_backed_off_its_late_replies_are_dropped_and_the_other_unit_keeps_the_open_socket()
    {
        var gateway = new InMemoryGateway();
        await using var client = Client(gateway, Options);
        Assert.Equal(Value(1), await Read(client, 1));
        Assert.Equal(Value(3), await Read(client, 3));

        gateway.SetSilent(3, true);
        gateway.LateReplies = true;
        var timedOut = await Assert.ThrowsAsync<ModbusTimeoutException>(() => Read(client, 3));
        Assert.True(timedOut.UnitSilent, timedOut.Message);
        Assert.Equal(1 + 2, gateway.RequestsTo(3)); // one retry, not two: the second miss makes it silent

        // Backed off: refused without a request on the link, at once.
        await Assert.ThrowsAsync<ModbusUnitSilentException>(() => Read(client, 3));
        Assert.Equal(3, gateway.RequestsTo(3));

        // Unit 1 is unaffected: its reads come through the same socket, unit 3's late replies before them are dropped.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Value(1), await Read(client, 1));
        }

        Assert.Equal(1, gateway.Connects);

        // After the back-off one probe goes out, a single attempt; then the unit answers again and is healthy.
        await UntilAsync(async () => !await TryReadAsync(client, 3) && gateway.RequestsTo(3) > 3, "unit 3 probed after its back-off");
        Assert.Equal(4, gateway.RequestsTo(3));
        gateway.SetSilent(3, false);
        await UntilAsync(() => TryReadAsync(client, 3), "unit 3 read again");
        Assert.Equal(Value(1), await Read(client, 1));
        Assert.Equal(1, gateway.Connects);
    }

    [Fact]
    public async Task The_socket_is_reopened_only_when_every_unit_asked_on_it_is_silent()
    {
        var gateway = new InMemoryGateway();
        await using var client = Client(gateway, Options with { Retries = 0 });
        await Read(client, 1);
        await Read(client, 3);

        gateway.SetSilent(1, true);
        gateway.SetSilent(3, true);
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<ModbusTimeoutException>(() => Read(client, 3));
        }

        Assert.Equal(1, gateway.Connects);
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => Read(client, 1));
        await Assert.ThrowsAsync<ModbusTimeoutException>(() => Read(client, 1));

        // Both silent: the socket may be half-open, so the next request goes out on a new one.
        gateway.SetSilent(1, false);
        await UntilAsync(() => TryReadAsync(client, 1), "unit 1 read again");
        Assert.Equal(2, gateway.Connects);
    }

    [Fact]
    public async Task A_caller_that_gives_up_after_most_of_the_timeout_counts_as_no_answer()
    {
        var gateway = new InMemoryGateway();
        await using var client = Client(gateway, Options with { Timeout = TimeSpan.FromSeconds(1) });
        gateway.SetSilent(3, true);

        // The control loop reads with a deadline shorter than the link's timeout: its give-ups are the unit's misses.
        for (var i = 0; i < 2; i++)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(900));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReadHoldingRegistersAsync(3, 0, 1, deadline.Token));
        }

        await Assert.ThrowsAsync<ModbusUnitSilentException>(() => Read(client, 3));
        Assert.Equal(2, gateway.RequestsTo(3));
    }

    private static ushort Value(byte unit) => (ushort)(unit * 11);

    private static ModbusClient Client(InMemoryGateway gateway, ModbusClientOptions options) =>
        new(new ModbusStreamTransport(gateway, MbapFramer.Instance, TimeProvider.System, NullLogger.Instance, options), options, TimeProvider.System, NullLogger.Instance);

    private static async Task<ushort> Read(ModbusClient client, byte unit) =>
        (await client.ReadHoldingRegistersAsync(unit, 0, 1, CancellationToken.None).WaitAsync(Deadline))[0];

    private static async Task<bool> TryReadAsync(ModbusClient client, byte unit)
    {
        try
        {
            return await Read(client, unit) == Value(unit);
        }
        catch (ModbusException)
        {
            return false;
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(20);
        }
    }
}
