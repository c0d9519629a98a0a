using ChargeNet.Drivers.Modbus;
using Microsoft.Extensions.Logging;

namespace ChargeNet.Drivers.Simulation.Modbus;

/// <summary>Turns a request PDU into the reply PDU of a unit, as any server does whatever its framing.</summary>
public static partial class ModbusServerDispatcher
{
    /// <summary>Answers <paramref name="requestPdu"/> into <paramref name="replyPdu"/>; returns the reply's length.</summary>
    /// <param name="unit">The addressed unit, or null when no unit has that id (exception 0A).</param>
    /// <param name="requestPdu">The request.</param>
    /// <param name="replyPdu">Where the reply goes (253 bytes).</param>
    /// <param name="logger">Where a unit's own failure is logged (it is answered as exception 04).</param>
    public static int Dispatch(IModbusServerUnit? unit, ReadOnlySpan<byte> requestPdu, Span<byte> replyPdu, ILogger logger)
    {
        var function = requestPdu.IsEmpty ? (ModbusFunctionCode)0 : (ModbusFunctionCode)requestPdu[0];
        if (unit is null)
        {
            return ModbusResponseCodec.EncodeException(function, ModbusExceptionCode.GatewayPathUnavailable, replyPdu);
        }

        try
        {
            var request = ModbusRequestCodec.Decode(requestPdu);
            return ModbusResponseCodec.Encode(request, unit.Handle(request), replyPdu);
        }
        catch (ModbusExceptionResponseException ex)
        {
            return ModbusResponseCodec.EncodeException(function, ex.Code, replyPdu);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogUnitFailed(logger, ex);
            return ModbusResponseCodec.EncodeException(function, ModbusExceptionCode.ServerDeviceFailure, replyPdu);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A simulated Modbus unit failed")]
    private static partial void LogUnitFailed(ILogger logger, Exception exception);
}
