using ChargeNet.Drivers.Modbus;

namespace ChargeNet.Drivers.Simulation.Modbus;

/// <summary>One unit id behind a simulated Modbus server: answers a decoded request.</summary>
public interface IModbusServerUnit
{
    /// <summary>
    /// Answers <paramref name="request"/>; throws <see cref="ModbusExceptionResponseException"/> to make
    /// the server send that exception response (illegal address, illegal value, busy, …).
    /// </summary>
    ModbusResponse Handle(ModbusRequest request);
}
