using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Demo;

/// <summary>
/// The site that <c>--demo</c> runs: an 80 A grid connection with a grid meter, two decks of four
/// chargers each on different phase rotations. Deck 1's chargers speak OCPP to the daemon's own endpoint
/// (CP001 and CP002 1.6J, CP003 and CP004 2.0.1); the grid meter and deck 2's wallboxes are Modbus
/// devices on the demo's Modbus server at <paramref name="modbusPort"/>.
/// </summary>
public static class DemoSiteConfiguration
{
    public const string GridMeterId = "grid";

    /// <summary>
    /// A port for configurations made outside a running demo (tests, examples). A running demo takes
    /// a free port on its first run and keeps it in its stored configuration.
    /// </summary>
    public const int ExampleModbusPort = 15020;

    public static SiteConfiguration Create(int modbusPort = ExampleModbusPort) => new()
    {
        SiteId = "demo-garage",
        Grid = new GridSettings
        {
            Phases = 3,
            VoltageV = 230,
            MaxCurrentA = 80,
            SafetyMarginA = 4,
            Meter = GridMeterId,
            FallbackCurrentA = 32,
        },
        Circuits =
        [
            new CircuitSettings { Id = "main", MaxCurrentA = 80 },
            new CircuitSettings { Id = "deck-1", Parent = "main", MaxCurrentA = 50 },
            new CircuitSettings { Id = "deck-2", Parent = "main", MaxCurrentA = 40 },
        ],
        Meters = [new MeterSettings { Id = GridMeterId, Driver = "eastron-sdm630", Modbus = Loopback(modbusPort, 1) }],
        Chargers =
        [
            Charger("CP001", "deck-1", "L1L2L3", 32, ChargerProtocols.Ocpp16),
            Charger("CP002", "deck-1", "L2L3L1", 32, ChargerProtocols.Ocpp16),
            Charger("CP003", "deck-1", "L3L1L2", 16, ChargerProtocols.Ocpp201),
            Charger("CP004", "deck-1", "L1L2L3", 16, ChargerProtocols.Ocpp201, priority: 1),
            Wallbox("wb-05", "L2L3L1", 16, modbusPort, 2),
            Wallbox("wb-06", "L3L1L2", 32, modbusPort, 3),
            Wallbox("wb-07", "L1L2L3", 16, modbusPort, 4),
            Wallbox("wb-08", "L2L3L1", 32, modbusPort, 5),
        ],
        Ocpp = new OcppSettings { AcceptNewChargers = false },
        Web = new WebSettings { PublicStatus = true },
    };

    /// <summary>The Modbus port a demo configuration's devices are on, or null when it has none.</summary>
    public static int? ModbusPortOf(SiteConfiguration site) =>
        site.Meters.Select(m => m.Modbus).Concat(site.Chargers.Select(c => c.Modbus)).FirstOrDefault(m => m is not null)?.Port;

    /// <summary>The same site with its loopback Modbus devices moved to <paramref name="port"/>.</summary>
    public static SiteConfiguration WithModbusPort(SiteConfiguration site, int port) => site with
    {
        Meters = site.Meters.Select(m => m.Modbus is { Host: "127.0.0.1" } mb ? m with { Modbus = mb with { Port = port } } : m).ToList(),
        Chargers = site.Chargers.Select(c => c.Modbus is { Host: "127.0.0.1" } mb ? c with { Modbus = mb with { Port = port } } : c).ToList(),
    };

    private static ModbusEndpointSettings Loopback(int port, int unitId) => new() { Host = "127.0.0.1", Port = port, UnitId = unitId };

    private static ChargerSettings Wallbox(string id, string rotation, double maxA, int port, int unitId) => new()
    {
        Id = id,
        Protocol = ChargerProtocols.Modbus,
        Driver = "alfen-ng9xx",
        Modbus = Loopback(port, unitId),
        Circuit = "deck-2",
        PhaseRotation = rotation,
        MinCurrentA = 6,
        MaxCurrentA = maxA,
        FailsafeCurrentA = 6,
    };

    private static ChargerSettings Charger(string id, string circuit, string rotation, double maxA, string protocol, int priority = 0) => new()
    {
        Id = id,
        Protocol = protocol,
        Circuit = circuit,
        PhaseRotation = rotation,
        MinCurrentA = 6,
        MaxCurrentA = maxA,
        FailsafeCurrentA = 6,
        Priority = priority,
        OcppPassword = OcppPasswordOf(id),
    };

    /// <summary>
    /// The password a demo charger connects with. The demo's charge points keep it here, as a charger
    /// keeps its own; the edge keeps only its hash (docs/security.md).
    /// </summary>
    public static string OcppPasswordOf(string chargerId) => "demo-" + chargerId + "-password-0001";
}
