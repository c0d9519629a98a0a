namespace ChargeNet.Drivers.Ocpp;

/// <summary>The WebSocket subprotocol names of the OCPP versions (OCPP-J 1.6 section 3.1.2; OCPP-J 2.0.1 section 3.1.2).</summary>
public static class OcppSubProtocol
{
    public const string V16 = "ocpp1.6";
    public const string V201 = "ocpp2.0.1";

    public static string Of(OcppVersion version) => version switch
    {
        OcppVersion.V16 => V16,
        OcppVersion.V201 => V201,
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "not an OCPP version the edge speaks"),
    };
}
