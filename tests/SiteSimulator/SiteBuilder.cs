using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.SiteSimulator;

/// <summary>
/// Builds a site from a recipe: a grid connection of 5 A per connector (at least 100 A) whose cars
/// want more than it gives, sub-circuits of about ten chargers (every third one tight, every second one
/// metered), OCPP and Modbus chargers on rotated phases, 1- and 3-phase cars, and the script of
/// churns, base-load steps and meter faults.
/// </summary>
public static class SiteBuilder
{
    public const string GridMeterId = "grid";

    private static readonly string[] Rotations = ["L1L2L3", "L2L3L1", "L3L1L2"];

    public static BuiltSite Build(SiteRecipe recipe, DateTimeOffset start)
    {
        var random = new Random(recipe.Seed);
        var scriptRandom = new Random(recipe.Seed + 2);
        var gridA = Math.Max(100, 5.0 * recipe.Connectors);
        var grid = new GridSettings
        {
            Phases = 3,
            VoltageV = 230,
            MaxCurrentA = gridA,
            SafetyMarginA = 5,
            Meter = GridMeterId,
            FallbackCurrentA = Math.Round(0.3 * gridA),
            MeterTimeoutS = 3,
        };

        var circuitCount = Math.Max(2, recipe.Connectors / 10);
        var circuits = new List<CircuitSettings>();
        var nodes = new List<CircuitNode> { new("grid", -1, gridA) };
        var meters = new List<MeterSettings> { new() { Id = GridMeterId, Driver = KnownDrivers.Simulated, PollIntervalS = 0.5 } };
        for (var c = 0; c < circuitCount; c++)
        {
            var chargersHere = (recipe.Connectors / circuitCount) + (c < recipe.Connectors % circuitCount ? 1 : 0);
            var limitA = c % 3 == 0 ? Math.Max(40, chargersHere * 8.0) : chargersHere * 20.0;
            var meterId = c % 2 == 1 ? $"m-c{c}" : null;
            circuits.Add(new CircuitSettings { Id = $"c{c}", MaxCurrentA = limitA, Meter = meterId });
            nodes.Add(new CircuitNode($"c{c}", 0, limitA));
            if (meterId is not null)
            {
                meters.Add(new MeterSettings { Id = meterId, Driver = KnownDrivers.Simulated, PollIntervalS = 1 });
            }
        }

        var chargers = new List<ChargerSettings>();
        var connectors = new List<SimConnector>();
        for (var i = 0; i < recipe.Connectors; i++)
        {
            var ocpp = random.NextDouble() < recipe.OcppShare;
            var settings = new ChargerSettings
            {
                Id = ocpp ? $"cp{i:0000}" : $"wb{i:0000}",
                Protocol = ChargerProtocols.Simulated,
                Circuit = $"c{i % circuitCount}",
                PhaseRotation = Rotations[i % 3],
                Phases = 3,
                Connectors = 1,
                MinCurrentA = 6,
                MaxCurrentA = 32,
                FailsafeCurrentA = 6,
            };
            chargers.Add(settings);
            var rotation = Enumerable.Range(0, 3).Select(k => settings.PhaseRotation[(2 * k) + 1] - '1').ToArray();
            // Every charger starts offering nothing: whatever the cars draw later, the loop decided it.
            connectors.Add(new SimConnector(i, settings.Id, 1, rotation, 1 + (i % circuitCount), 0));
        }

        var baseLoad = new BaseLoad(
            [.. Enumerable.Range(0, 3).Select(_ => 0.25 * gridA * (0.8 + (0.4 * random.NextDouble())))],
            [.. Enumerable.Range(0, 3).Select(p => p * 2 * Math.PI / 3)],
            start);
        var physics = new PhysicalSite(nodes, connectors, baseLoad, grid.VoltageV);
        if (recipe.LoadedCircuit is { } loaded && nodes.FindIndex(n => n.Id == loaded) is var at and > 0)
        {
            physics.CircuitLoadA[at] = recipe.CircuitLoadA;
        }

        // Drawn from generators of their own, so the sites built before chargers could end a session, refuse pauses by kind or leave out their
        // energy are built the same.
        var stopRandom = new Random(recipe.Seed + 5);
        var pauseRandom = new Random(recipe.Seed + 7);
        var energyRandom = new Random(recipe.Seed + 11);
        var statusRandom = new Random(recipe.Seed + 13);
        var answers = new DeviceAnswers();
        var ocppChargers = new List<OcppLikeCharger>();
        var chargerDevices = new Dictionary<string, ICharger>(StringComparer.Ordinal);
        foreach (var (settings, connector) in chargers.Zip(connectors))
        {
            // Each device draws from its own generator: the order in which the loop calls devices never changes what one of them does.
            var deviceRandom = new Random((recipe.Seed * 1_000_003) + connector.Index + (recipe.AnswerDraw * 7_919));
            var impossible = random.NextDouble() < recipe.ImpossibleValuesShare;
            if (settings.Id.StartsWith("cp", StringComparison.Ordinal))
            {
                var slow = random.NextDouble() < recipe.SlowMeterValuesShare;
                var interval = TimeSpan.FromSeconds(slow ? 60 : 10);
                var silentAtStart = random.NextDouble() < recipe.SilentAtStartShare;
                if (silentAtStart)
                {
                    // It tells nothing at first and offers its own default, its maximum, until it takes a limit: a charger that
                    // refuses or leaves unanswered every limit keeps its car there — counted as unknown, never as 0 A (property 6).
                    connector.OfferAtStart(settings.MaxCurrentA);
                }

                var statusLateBy = LateStatusAfter(recipe, statusRandom);
                if (statusLateBy is not null && recipe.LateStatusAtStart)
                {
                    // Its car was plugged in while the edge was down: it takes the charger's own default until a limit reaches it.
                    connector.OfferAtStart(settings.MaxCurrentA);
                }

                var behaviour = new OcppBehaviour
                {
                    MeterValuesInterval = interval,
                    FirstReportAfter = silentAtStart ? recipe.SilentAtStartFor : interval * random.NextDouble(),
                    StatusLateBy = statusLateBy,
                    StatusLateAtStart = recipe.LateStatusAtStart,
                    PerPhaseCurrents = random.NextDouble() >= recipe.NoPhaseShare,
                    ReportsEnergy = energyRandom.NextDouble() >= recipe.NoEnergyShare,
                    ReportsOffered = random.NextDouble() >= recipe.NoOfferedShare,
                    RejectShare = random.NextDouble() < recipe.RejectingShare ? recipe.RejectedRequests : 0,
                    TimeOutShare = random.NextDouble() < recipe.TimingOutShare ? recipe.TimedOutRequests : 0,
                    RejectsPauses = pauseRandom.NextDouble() < recipe.PauseRefusingShare,
                    MaxAnswer = recipe.MaxAnswer,
                    ReportsImpossibleValues = impossible,
                    OneCallAtATime = recipe.OneCallAtATime,
                    AppliesUnansweredByTurns = recipe.UnansweredAppliedByTurns,
                    DriverBackOff = recipe.DriverBackOff ? new DriverBackOff(recipe.BackOffCutRetry) : null,
                    RejectsSessionStop = stopRandom.NextDouble() < recipe.SessionStopRejectingShare,
                };
                var charger = new OcppLikeCharger(settings.Id, [connector], behaviour, physics, answers, deviceRandom, start);
                ocppChargers.Add(charger);
                chargerDevices[settings.Id] = charger;
            }
            else
            {
                var flaky = random.NextDouble() < recipe.FlakyModbusShare;
                var behaviour = new ModbusBehaviour
                {
                    LateShare = flaky ? recipe.FlakyReads / 2 : 0,
                    SilentShare = flaky ? recipe.FlakyReads / 2 : 0,
                    ReportsUnmappedState = random.NextDouble() < recipe.UnmappedStateShare,
                    ReportsImpossibleValues = impossible,
                };
                chargerDevices[settings.Id] = new ModbusLikeCharger(settings.Id, [connector], behaviour, physics, answers, deviceRandom);
            }
        }

        var gridMeter = new SimMeter(GridMeterId, physics, 0, answers, new Random(recipe.Seed + 3));
        var meterDevices = new Dictionary<string, IMeter>(StringComparer.Ordinal) { [GridMeterId] = gridMeter };
        foreach (var circuit in circuits.Where(c => c.Meter is not null))
        {
            meterDevices[circuit.Meter!] = new SimMeter(circuit.Meter!, physics, nodes.FindIndex(n => n.Id == circuit.Id), answers, new Random((recipe.Seed * 7919) + circuit.Id.Length + meterDevices.Count));
        }

        foreach (var connector in connectors.Where(_ => random.NextDouble() < recipe.Occupancy))
        {
            connector.Plug(start, NewCar(recipe, random, start));
        }

        var configuration = new SiteConfiguration
        {
            SiteId = $"sim-{recipe.Connectors}-{recipe.Seed}",
            Grid = grid,
            Circuits = circuits,
            Meters = meters,
            Chargers = chargers,
        };
        var timeline = SiteScript.Write(recipe, physics, gridMeter, start, scriptRandom);
        return new BuiltSite(recipe, configuration, physics, answers, new SiteDeviceFactory(meterDevices, chargerDevices), ocppChargers, gridMeter, timeline);
    }

    // How late a charger's first StatusNotification comes after the edge (re)starts (SiteRecipe.LateStatusShare); null: not late.
    private static TimeSpan? LateStatusAfter(SiteRecipe recipe, Random random)
    {
        var late = random.NextDouble() < recipe.LateStatusShare;
        var (min, max) = recipe.LateStatusAfter;
        var after = min + ((max - min) * random.NextDouble());
        return late ? after : null;
    }

    /// <summary>A car: 3-phase 16 or 32 A, or 1-phase 16 or 32 A; some taper a few minutes after they arrive.</summary>
    public static SimCar NewCar(SiteRecipe recipe, Random random, DateTimeOffset pluggedAt)
    {
        var threePhase = random.NextDouble() < 0.7;
        var maxA = random.NextDouble() < (threePhase ? 0.6 : 0.3) ? 16 : 32;
        var tapers = random.NextDouble() < recipe.TaperingShare;
        var taperIn = TimeSpan.FromMinutes(10 * random.NextDouble());
        return new SimCar(threePhase ? 3 : 1, maxA, recipe.DeadTime) { TaperFrom = tapers ? pluggedAt + taperIn : null };
    }
}
