namespace ChargeNet.Drivers.Modbus;

/// <summary>The server answered with an exception response: it understood the request and refused it.</summary>
public sealed class ModbusExceptionResponseException : ModbusException
{
    public ModbusExceptionResponseException(ModbusFunctionCode function, ModbusExceptionCode code)
        : base($"Modbus exception {(byte)code:X2} ({Describe(code)}) in reply to function {(byte)function:X2}")
    {
        Function = function;
        Code = code;
    }

    public ModbusExceptionResponseException()
    {
    }

    public ModbusExceptionResponseException(string message)
        : base(message)
    {
    }

    public ModbusExceptionResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModbusFunctionCode Function { get; }

    public ModbusExceptionCode Code { get; }

    /// <summary>Busy, acknowledge and the gateway errors may clear up; the others will not.</summary>
    public override bool IsTransient => Code is ModbusExceptionCode.ServerDeviceBusy or ModbusExceptionCode.Acknowledge
        or ModbusExceptionCode.GatewayPathUnavailable or ModbusExceptionCode.GatewayTargetDeviceFailedToRespond;

    public static string Describe(ModbusExceptionCode code) => code switch
    {
        ModbusExceptionCode.IllegalFunction => "illegal function",
        ModbusExceptionCode.IllegalDataAddress => "illegal data address",
        ModbusExceptionCode.IllegalDataValue => "illegal data value",
        ModbusExceptionCode.ServerDeviceFailure => "server device failure",
        ModbusExceptionCode.Acknowledge => "acknowledge",
        ModbusExceptionCode.ServerDeviceBusy => "server device busy",
        ModbusExceptionCode.MemoryParityError => "memory parity error",
        ModbusExceptionCode.GatewayPathUnavailable => "gateway path unavailable",
        ModbusExceptionCode.GatewayTargetDeviceFailedToRespond => "gateway target device failed to respond",
        _ => "unknown exception code",
    };
}
