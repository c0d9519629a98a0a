namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>The device drivers (template ids) a configuration may name, for meters and for Modbus chargers.</summary>
public sealed record KnownDrivers(IReadOnlySet<string> Meters, IReadOnlySet<string> Chargers)
{
    /// <summary>The driver name of the built-in simulated devices (demo mode, tests).</summary>
    public const string Simulated = "simulated";
}
