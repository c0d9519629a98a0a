using System.Globalization;
using System.Text.Json;

namespace ChargeNet.Integration.Tests.ControlLoop;

/// <summary>
/// One run of the built daemon against tests/peers/site/physics-site.js with chargers that behave like
/// real ones (issue 13): six OCPP 1.6J chargers (strict ocpp-rpc) reporting every 10 or 60 s, two refusing
/// MeterValueSampleInterval, two reporting one current without phase, some without Current.Offered or
/// energy, answering SetChargingProfile after 0.1–3 s, one rejecting every second profile, one leaving
/// every fourth unanswered; 1- and 3-phase cars of 16 and 32 A on rotated phases, one tapering, one
/// stopping full while plugged in; and the Modbus wallbox. 80 A fuse, 3 A margin, 17 A base load: 60 A
/// of room per phase for cars that want up to 92. Cars answer after 2 s (a pure delay).
/// The script, once for every test of the class (the wall time stays near 2.5 minutes):
/// settle (45 s) → steady window (75 s: capacity use, limit changes, pauses) → +25 A base-load step
/// (15 s: reaction, overload) → grid meter silent (12 s: fallback). The tests read what it recorded.
/// A derived fixture repeats the six chargers <see cref="Copies"/> times on a grid scaled with them (<see cref="RealTimingSiteAtScale"/>).
/// </summary>
public class RealTimingSite : IAsyncLifetime
{
    public const double FuseA = 80;
    public const double MarginA = 3;
    public const double BaseA = 17;
    public const double StepToA = 42;
    public const double DeadTimeS = 2;
    public const double FallbackA = 20;
    public const double MeterTimeoutS = 3;
    public const double CycleS = 1;

    public RealTimingSite()
        : this(1)
    {
    }

    /// <param name="copies">How many times the six OCPP chargers are on the site; the fuse, the base load, its step and the fallback grow with them.</param>
    protected RealTimingSite(int copies)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        Copies = copies;
    }

    public int Copies { get; }

    public double SiteFuseA => FuseA * Copies;

    public double SiteFallbackA => FallbackA * Copies;

    /// <summary>How many chargers the site has: the OCPP ones and the Modbus wallbox.</summary>
    public int ChargerCount => (Ocpp.Length * Copies) + 1;

    /// <summary>Property 1's grace after a rise of the base load: the cars' dead time and a second.</summary>
    public const double GraceMs = (DeadTimeS + 1) * 1000;

    /// <summary>Property 4's bound: the meter's timeout, a cycle and the cars' dead time.</summary>
    public const double FallbackBoundMs = (MeterTimeoutS + CycleS + DeadTimeS) * 1000;

    /// <summary>The longest any charger here takes to answer a profile: a send may wait that long behind another.</summary>
    public const double LongestAnswerS = 3;

    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(45);
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(75);
    public static readonly TimeSpan AfterStep = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan AfterFault = TimeSpan.FromSeconds(MeterTimeoutS + CycleS + DeadTimeS + 6);

    // id, rotation, charger max (= its car's), car, and the charger's own timing (ocpp-charger.js).
    private static readonly object[] Ocpp =
    [
        new { id = "CP1", rotation = "L1L2L3", meterIntervalS = 10, intervalKey = "accept", answerMs = 100, car = new { phases = 3, maxA = 16, taperAPerMin = 4, taperToA = 8 }, statusChanges = true },
        new { id = "CP2", rotation = "L1L2L3", meterIntervalS = 60, intervalKey = "reject", offered = false, answerMs = 3000, car = new { phases = 3, maxA = 32 }, statusChanges = true },
        new { id = "CP3", rotation = "L1L2L3", meterIntervalS = 10, intervalKey = "accept", currents = "total", answerMs = 1000, car = new { phases = 1, maxA = 32 }, statusChanges = true },
        new { id = "CP4", rotation = "L2L3L1", meterIntervalS = 60, intervalKey = "reject", currents = "total", offered = false, energy = false, answerMs = 500, answers = new[] { "Accepted", "Rejected" }, car = new { phases = 1, maxA = 16 }, statusChanges = true },
        new { id = "CP5", rotation = "L1L2L3", meterIntervalS = 10, intervalKey = "accept", answerMs = 2000, car = new { phases = 3, maxA = 16, stopAfterS = 30 }, statusChanges = true },
        new { id = "CP6", rotation = "L3L1L2", meterIntervalS = 10, intervalKey = "accept", energy = false, answerMs = 200, answers = new[] { "Accepted", "Accepted", "Accepted", "never" }, car = new { phases = 1, maxA = 32 }, statusChanges = true },
    ];

    private PhysicsSiteRun? _run;

    public JsonElement Settled { get; private set; }

    public JsonElement AfterWindow { get; private set; }

    /// <summary>GET /api/v1/status at the end of the window.</summary>
    public JsonElement DaemonStatus { get; private set; }

    public JsonElement Stepped { get; private set; }

    public JsonElement AfterStepState { get; private set; }

    public JsonElement AfterFaultState { get; private set; }

    public JsonElement History { get; private set; }

    /// <summary>Milliseconds since the peer started: when the window opened and closed, when the step came.</summary>
    public double WindowFromMs { get; private set; }

    public double WindowToMs { get; private set; }

    public double StepAtMs { get; private set; }

    /// <summary>The draws and offers once a second (s since the peer started: grid max, per connector offered/drawn).</summary>
    public string Timeline { get; private set; } = "";

    public string Transcript { get; private set; } = "";

    public Exception? Failure { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            var ocpp = SiteChargers();
            _run = await PhysicsSiteRun.StartAsync(
                new { baseA = BaseA * Copies, carMaxA = 16, ocpp, deadTimeS = DeadTimeS, limitA = SiteFuseA, marginA = MarginA, fallbackA = SiteFallbackA },
                port => SiteJson(port, ocpp));
            await Task.Delay(Settle);
            Settled = await _run.CommandAsync(new { op = "reset" });
            WindowFromMs = Settled.GetProperty("atMs").GetDouble();
            await _run.CommandAsync(new { op = "window" });
            await Task.Delay(Window);
            AfterWindow = await _run.CommandAsync(new { op = "state" });
            DaemonStatus = await _run.DaemonStatusAsync();
            WindowToMs = AfterWindow.GetProperty("atMs").GetDouble();
            Stepped = await _run.CommandAsync(new { op = "base", a = StepToA * Copies, limitA = SiteFuseA });
            StepAtMs = Stepped.GetProperty("atMs").GetDouble();
            await Task.Delay(AfterStep);
            AfterStepState = await _run.CommandAsync(new { op = "state" });
            await _run.CommandAsync(new { op = "meter", fault = "silent" });
            await Task.Delay(AfterFault);
            AfterFaultState = await _run.CommandAsync(new { op = "state" });
            History = await _run.CommandAsync(new { op = "history" });
            Timeline = PhysicsSiteHistory.Timeline(History);
            Transcript = _run.Transcript;
        }
#pragma warning disable CA1031 // each test reports the run's failure with its own assertion
        catch (Exception e)
#pragma warning restore CA1031
        {
            Failure = e;
            Transcript = _run?.Transcript ?? "";
        }
    }

    public async Task DisposeAsync()
    {
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }
    }

    /// <summary>Fails the calling test when the run itself failed.</summary>
    public void AssertRan() => Assert.True(Failure is null, $"the run failed: {Failure}\n{Transcript}");

    // The six chargers once, or each copy under its own ids (CP1 … CP6, then CP1-2 … CP6-2, …).
    private JsonElement[] SiteChargers() =>
        [.. Enumerable.Range(1, Copies).SelectMany(copy => Ocpp.Select(o =>
        {
            var fields = JsonSerializer.SerializeToElement(o).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
            fields["id"] = copy == 1 ? fields["id"].ToString()! : FormattableString.Invariant($"{fields["id"]}-{copy}");
            return JsonSerializer.SerializeToElement(fields);
        }))];

    private string SiteJson(int modbusPort, JsonElement[] ocpp)
    {
        var chargers = string.Join(",\n", ocpp.Select(o => string.Create(
            CultureInfo.InvariantCulture,
            $$"""    { "id": "{{o.GetProperty("id").GetString()}}", "protocol": "ocpp1.6", "circuit": "main", "phases": 3, "phaseRotation": "{{o.GetProperty("rotation").GetString()}}", "minCurrentA": 6, "maxCurrentA": {{o.GetProperty("car").GetProperty("maxA").GetDouble()}}, "failsafeCurrentA": 6 }""")));
        return $$"""
            {
              "siteId": "e2e-real-timing",
              "grid": { "phases": 3, "voltageV": 230, "maxCurrentA": {{SiteFuseA}}, "safetyMarginA": {{MarginA}}, "meter": "grid", "fallbackCurrentA": {{SiteFallbackA}}, "meterTimeoutS": {{MeterTimeoutS}} },
              "circuits": [ { "id": "main", "maxCurrentA": {{SiteFuseA}} } ],
              "meters": [ { "id": "grid", "driver": "eastron-sdm630", "modbus": { "host": "127.0.0.1", "port": {{modbusPort}}, "unitId": 1 } } ],
              "chargers": [
            {{chargers}},
                { "id": "wb1", "protocol": "modbus", "driver": "generic-charger", "modbus": { "host": "127.0.0.1", "port": {{modbusPort}}, "unitId": 2 },
                  "circuit": "main", "minCurrentA": 6, "maxCurrentA": 16, "failsafeCurrentA": 6 }
              ]
            }
            """;
    }
}
