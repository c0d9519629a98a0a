using System.Collections.Concurrent;
using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;
using ChargeNet.Drivers.Templates;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChargeNet.Drivers.Tests.Modbus;

/// <summary>
/// A Modbus TCP gateway on an in-memory link: unit u answers holding register 0 with u × 11, at once. A unit made
/// silent answers nothing — or, with <see cref="LateReplies"/>, answers late: its reply goes out just before the
/// next request's own (with <see cref="LateRepliesTrail"/>, just after it, in the same read). Counts the connections
/// and the requests each unit was sent.
/// </summary>
internal sealed class InMemoryGateway : IModbusConnector
{
    private readonly ConcurrentDictionary<byte, SimulatedRegisterMap> _units = new();
    private readonly ConcurrentDictionary<byte, int> _requests = new();
    private readonly ConcurrentDictionary<byte, bool> _silent = new();
    private int _connects;

    public string Description => "in-memory gateway";

    public TimeSpan SilentInterval => TimeSpan.Zero;

    public int Connects => Volatile.Read(ref _connects);

    /// <summary>A silent unit's reply is sent late (before the next reply) rather than never.</summary>
    public bool LateReplies { get; set; }

    /// <summary>Late replies follow the next reply in one chunk instead of coming before it.</summary>
    public bool LateRepliesTrail { get; set; }

    public int RequestsTo(byte unitId) => _requests.GetValueOrDefault(unitId);

    public void SetSilent(byte unitId, bool silent) => _silent[unitId] = silent;

    public Task<Stream> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _connects);
        var late = new List<byte[]>();
        return Task.FromResult<Stream>(new InMemoryLinkStream((link, adu) => OnRequest(link, late, adu)));
    }

    private byte[] Reply(ReadOnlySpan<byte> adu, out bool silent)
    {
        Assert.Equal(FrameStatus.Complete, MbapFrame.TryDecode(adu, out var frame, out _));
        _requests.AddOrUpdate(frame.UnitId, 1, (_, n) => n + 1);
        silent = _silent.GetValueOrDefault(frame.UnitId);
        var unit = _units.GetOrAdd(frame.UnitId, id =>
        {
            var map = new SimulatedRegisterMap();
            map.Set(RegisterFunction.Holding, 0, [(ushort)(id * 11)]);
            return map;
        });
        Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
        var length = ModbusServerDispatcher.Dispatch(unit, adu.Slice(frame.PduOffset, frame.PduLength), pdu, NullLogger.Instance);
        var reply = new byte[MbapFrame.MaxLength];
        return reply[..MbapFrame.Encode(reply, frame.TransactionId, frame.UnitId, pdu[..length])];
    }

    // A silent unit's reply waits in its link's list of late ones, sent just before the next reply when LateReplies.
    private void OnRequest(InMemoryLinkStream link, List<byte[]> late, ReadOnlyMemory<byte> adu)
    {
        var reply = Reply(adu.Span, out var silent);
        if (silent)
        {
            if (LateReplies)
            {
                late.Add(reply);
            }

            return;
        }

        if (LateRepliesTrail)
        {
            link.Reply([.. reply, .. late.SelectMany(r => r)]);
        }
        else
        {
            late.ForEach(link.Reply);
            link.Reply(reply);
        }

        late.Clear();
    }
}
