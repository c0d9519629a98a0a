using ChargeNet.Drivers.Ocpp;

namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The values of <see cref="ChargerSettings.Protocol"/>.</summary>
public static class ChargerProtocols
{
    public const string Ocpp16 = "ocpp1.6";
    public const string Ocpp201 = "ocpp2.0.1";
    public const string Modbus = "modbus";
    public const string Simulated = "simulated";

    public static IReadOnlyList<string> All { get; } = [Ocpp16, Ocpp201, Modbus, Simulated];

    /// <summary>The OCPP version a charger of this protocol speaks, or null when it is not an OCPP charger.</summary>
    public static OcppVersion? OcppVersionOf(string? protocol) => protocol switch
    {
        Ocpp16 => OcppVersion.V16,
        Ocpp201 => OcppVersion.V201,
        _ => null,
    };

    /// <summary>True for a charger that connects to the edge's OCPP endpoint.</summary>
    public static bool IsOcpp(string? protocol) => OcppVersionOf(protocol) is not null;
}
