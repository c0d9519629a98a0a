using System.Text.Json;
using ChargeNet.EdgeAgent.Tests.Control.RealSite;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.ControlLoop;

/// <summary>
/// Issue 13 item 9 over real protocols: a sub-circuit with its own Modbus meter (npm modbus-serial) carries an
/// OCPP charger (npm ocpp-rpc, strict) and a Modbus wallbox, and load nobody controls (a lift) that only its
/// meter and the grid meter see. The daemon keeps the circuit under its fuse as it keeps the grid, counts the
/// circuit conservatively when its meter goes silent, and the cars there still use the room (docs/control-loop.md,
/// "Circuit meters"). Cars answer after a 2 s dead time.
/// </summary>
[Collection(RealTimePhysicsRuns.Name)]
public sealed class CircuitMeterEndToEndTests : IAsyncLifetime
{
    private const double FuseA = 63;
    private const double SubFuseA = 25;
    private const double MarginA = 3;
    private const double CarMaxA = 16;
    private const double DeadTimeS = 2;

    private readonly ITestOutputHelper _output;
    private PhysicsSiteRun? _run;

    public CircuitMeterEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private PhysicsSiteRun Run => _run!;

    public async Task InitializeAsync() =>
        _run = await PhysicsSiteRun.StartAsync(
            new
            {
                baseA = 5,
                carMaxA = CarMaxA,
                ocpp = new[] { "CP1", "CP2" },
                deadTimeS = DeadTimeS,
                limitA = FuseA,
                marginA = MarginA,
                fallbackA = 20,
                circuit = new { chargers = new[] { "CP2", "wb1" }, limitA = SubFuseA, loadA = 2 },
            },
            SiteJson);

    public async Task DisposeAsync()
    {
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }
    }

    [RealSiteFact]
    public async Task The_loop_keeps_a_metered_circuit_under_its_fuse_when_its_own_load_rises_and_the_cars_there_share_what_is_left()
    {
        // Two cars on the 25 A circuit want 32 A: with 2 A of its own load they share what the circuit leaves.
        var shared = await SettledAsync(s => OnCircuitA(s) >= 12, "the cars on the circuit sharing it");
        _output.WriteLine("shared: " + shared);

        // The lift starts: 12 A more on the circuit alone (the grid has room to spare). The cars there must come
        // down within the dead time + 1 s, and never overload the circuit afterwards.
        await Run.CommandAsync(new { op = "circuit", a = 14 });
        var back = await Run.UntilAsync(s => s.GetProperty("step").GetProperty("backMs").ValueKind == JsonValueKind.Number, TimeSpan.FromSeconds(30), "the circuit back under its fuse");
        await Task.Delay(TimeSpan.FromSeconds(15));
        var after = await Run.CommandAsync(new { op = "state" });

        var backMs = back.GetProperty("step").GetProperty("backMs").GetDouble();
        var overloadA = after.GetProperty("score").GetProperty("circuitOverloadMaxA").GetDouble();
        _output.WriteLine($"circuit back under its {SubFuseA} A fuse {backMs:0} ms after its load rose; worst car-caused circuit overload {overloadA:0.0} A; after: {after}");
        Assert.True(backMs <= (DeadTimeS + 1) * 1000, $"the circuit was back under its fuse only {backMs:0} ms after its load rose: {after}\n{Run.Transcript}");
        Assert.True(overloadA <= 1, $"the cars overloaded the circuit by {overloadA:0.0} A: {after}");

        // And the cars there still use the room the lift leaves (25 − 3 − 14 = 8 A: at least one car's minimum).
        Assert.True(OnCircuitA(after) >= 6, $"the cars on the circuit were all paused with room for one: {after}\n{Run.Transcript}");
    }

    [RealSiteFact]
    public async Task A_circuit_meter_that_fails_is_counted_at_the_most_its_load_was_seen_and_the_circuit_stays_under_its_fuse()
    {
        await SettledAsync(s => OnCircuitA(s) >= 12, "the cars on the circuit charging");

        // The circuit's meter answers only Modbus exceptions, then its own load rises unseen by it (the grid meter sees it, but not
        // on which circuit): the circuit is counted at the most its load was seen to be, so the cars there must
        // not take room the rise has used.
        await Run.CommandAsync(new { op = "circuitMeter", fault = "exception" });
        await Task.Delay(TimeSpan.FromSeconds(6));
        await Run.CommandAsync(new { op = "circuit", a = 5 });
        await Task.Delay(TimeSpan.FromSeconds(20));
        var state = await Run.CommandAsync(new { op = "state" });

        var overloadA = state.GetProperty("score").GetProperty("circuitOverloadMaxA").GetDouble();
        Assert.True(overloadA <= 1, $"with its meter failed the cars overloaded the circuit by {overloadA:0.0} A: {state}\n{Run.Transcript}");
        Assert.True(state.GetProperty("ocpp").GetProperty("CP1").GetProperty("drawA").GetDouble() >= 6, $"the car on the grid's own circuit was paused for a failed sub-meter: {state}");
    }

    [RealSiteFact]
    public async Task A_silent_circuit_meter_behind_the_grid_meters_server_leaves_the_grid_meter_fresh_and_the_loop_does_not_fall_back()
    {
        await SettledAsync(s => CarOnMainA(s) >= CarMaxA - 0.5, "the car on the main circuit at its maximum");

        // Unit 3 stops answering; the grid meter (unit 1) and the wallbox (unit 2) are behind the same Modbus TCP server.
        // For five meter timeouts the loop must go on reading the grid meter: no fallback (it would cut the car on the
        // main circuit to share 20 A), and that car keeps its maximum.
        var after = await Run.WithoutFallbackAsync(
            new { op = "circuitMeter", fault = "silent" }, TimeSpan.FromSeconds(15), s => CarOnMainA(s) >= CarMaxA - 0.5, "the car on the main circuit at its maximum");
        _output.WriteLine("after 15 s of a silent circuit meter: " + after);
        Assert.True(after.GetProperty("score").GetProperty("circuitOverloadMaxA").GetDouble() <= 1, $"the cars overloaded the circuit while its meter was silent: {after}");
    }

    // Until the cars charge as the case needs with the circuit under its fuse and every car drawing no more than its charger's
    // limit; then the score forgets the start-up's overload, which no loop can prevent: a charger offers its own maximum until
    // its first profile, and on a loaded host that comes late (a clean-clone CI run saw 6.4 A over the circuit 4.7 s after
    // start). Every car must follow a limit: a CI run settled at 4.2 s on the wallbox's car alone, still drawing the 13.4 A
    // offered before its first limit, and CP2's car then started on its own pre-profile 16 A (6.55 A over, scored).
    // Each case scores what follows.
    private async Task<JsonElement> SettledAsync(Func<JsonElement, bool> charging, string what)
    {
        var settled = await Run.UntilAsync(
            s => charging(s) && EveryCarFollowsItsLimit(s) && PhysicsSiteRun.Max(s.GetProperty("circuit").GetProperty("a")) <= SubFuseA,
            TimeSpan.FromSeconds(120),
            what + ", every car drawing within its charger's limit");
        var startUp = await Run.CommandAsync(new { op = "reset" });
        _output.WriteLine($"start-up circuit overload (not scored) {startUp.GetProperty("score").GetProperty("circuitOverloadMaxA").GetDouble():0.0} A");
        return settled;
    }

    private static bool EveryCarFollowsItsLimit(JsonElement state) =>
        new[] { state.GetProperty("wallbox"), state.GetProperty("ocpp").GetProperty("CP1"), state.GetProperty("ocpp").GetProperty("CP2") }
            .All(c => c.GetProperty("drawA").GetDouble() > 0
                && c.GetProperty("limitA").ValueKind == JsonValueKind.Number
                && c.GetProperty("drawA").GetDouble() <= c.GetProperty("limitA").GetDouble() + 0.05);

    private static double CarOnMainA(JsonElement state) => state.GetProperty("ocpp").GetProperty("CP1").GetProperty("drawA").GetDouble();

    private static double OnCircuitA(JsonElement state) =>
        state.GetProperty("wallbox").GetProperty("drawA").GetDouble() + state.GetProperty("ocpp").GetProperty("CP2").GetProperty("drawA").GetDouble();

    private static string SiteJson(int modbusPort) => $$"""
        {
          "siteId": "e2e-circuit",
          "grid": { "phases": 3, "voltageV": 230, "maxCurrentA": {{FuseA}}, "safetyMarginA": {{MarginA}}, "meter": "grid", "fallbackCurrentA": 20 },
          "circuits": [
            { "id": "main", "maxCurrentA": {{FuseA}} },
            { "id": "lift", "parent": "main", "maxCurrentA": {{SubFuseA}}, "meter": "lift-meter" }
          ],
          "meters": [
            { "id": "grid", "driver": "eastron-sdm630", "modbus": { "host": "127.0.0.1", "port": {{modbusPort}}, "unitId": 1 } },
            { "id": "lift-meter", "driver": "eastron-sdm630", "modbus": { "host": "127.0.0.1", "port": {{modbusPort}}, "unitId": 3 } }
          ],
          "chargers": [
            { "id": "CP1", "protocol": "ocpp1.6", "circuit": "main", "minCurrentA": 6, "maxCurrentA": {{CarMaxA}}, "failsafeCurrentA": 6 },
            { "id": "CP2", "protocol": "ocpp1.6", "circuit": "lift", "minCurrentA": 6, "maxCurrentA": {{CarMaxA}}, "failsafeCurrentA": 6 },
            { "id": "wb1", "protocol": "modbus", "driver": "generic-charger", "modbus": { "host": "127.0.0.1", "port": {{modbusPort}}, "unitId": 2 },
              "circuit": "lift", "minCurrentA": 6, "maxCurrentA": {{CarMaxA}}, "failsafeCurrentA": 6 }
          ]
        }
        """;
}
