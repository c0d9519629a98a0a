using ChargeNet.Drivers.Modbus;
using ChargeNet.Drivers.Simulation.Modbus;

namespace ChargeNet.Drivers.Tests.ModbusDevices;

/// <summary>Passes requests to a simulated unit and keeps the PDU bytes of every write it received.</summary>
internal sealed class RecordingUnit(IModbusServerUnit inner) : IModbusServerUnit
{
    private readonly List<byte[]> _writes = [];

    public IReadOnlyList<byte[]> Writes
    {
        get
        {
            lock (_writes)
            {
                return [.. _writes];
            }
        }
    }

    public ModbusResponse Handle(ModbusRequest request)
    {
        if (!request.IsRead)
        {
            var pdu = new byte[256];
            var length = ModbusRequestCodec.Encode(request, pdu);
            lock (_writes)
            {
                _writes.Add(pdu[..length]);
            }
        }

        return inner.Handle(request);
    }
}
