using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.EdgeAgent.Demo;

/// <summary>
/// The site that <c>--demo</c> runs: a 100 A grid connection with a grid meter, two decks of four
/// chargers each on different phase rotations, a mix of simulated Modbus and OCPP chargers.
/// </summary>
public static class DemoSiteConfiguration
{
    public const string GridMeterId = "grid";

    public static SiteConfiguration Create() => new()
    {
        SiteId = "demo-garage",
        Grid = new GridSettings
        {
            Phases = 3,
            VoltageV = 230,
            MaxCurrentA = 100,
            SafetyMarginA = 5,
            Meter = GridMeterId,
            FallbackCurrentA = 40,
        },
        Circuits =
        [
            new CircuitSettings { Id = "main", MaxCurrentA = 100 },
            new CircuitSettings { Id = "deck-1", Parent = "main", MaxCurrentA = 63 },
            new CircuitSettings { Id = "deck-2", Parent = "main", MaxCurrentA = 50 },
        ],
        Meters = [new MeterSettings { Id = GridMeterId, Driver = KnownDrivers.Simulated }],
        Chargers =
        [
            Charger("CP001", "deck-1", "L1L2L3", 32),
            Charger("CP002", "deck-1", "L2L3L1", 32),
            Charger("CP003", "deck-1", "L3L1L2", 16),
            Charger("CP004", "deck-1", "L1L2L3", 16, priority: 1),
            Charger("wb-05", "deck-2", "L2L3L1", 16),
            Charger("wb-06", "deck-2", "L3L1L2", 32),
            Charger("wb-07", "deck-2", "L1L2L3", 16),
            Charger("wb-08", "deck-2", "L2L3L1", 32),
        ],
        Ocpp = new OcppSettings { AcceptNewChargers = false },
        Web = new WebSettings { PublicStatus = true },
    };

    private static ChargerSettings Charger(string id, string circuit, string rotation, double maxA, int priority = 0) => new()
    {
        Id = id,
        Protocol = ChargerProtocols.Simulated,
        Circuit = circuit,
        PhaseRotation = rotation,
        MinCurrentA = 6,
        MaxCurrentA = maxA,
        FailsafeCurrentA = 6,
        Priority = priority,
    };
}
