using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ChargeNet.Integration.Tests.Foundation;
using ChargeNet.Integration.Tests.Peers;
using Xunit.Abstractions;

namespace ChargeNet.Integration.Tests.ControlLoop;

/// <summary>
/// The real daemon against a site played over real protocols by tests/peers/site/physics-site.js: a
/// Modbus grid meter and a Modbus wallbox (npm modbus-serial), two OCPP 1.6J chargers (npm ocpp-rpc,
/// strict mode). The peer's physics makes the meter read base load + what the chargers draw; a
/// base-load step pushes the grid over its fuse, and the daemon must bring it back under.
/// </summary>
public sealed class ControlLoopEndToEndTests : IAsyncLifetime
{
    private const double FuseA = 63;
    private const double MarginA = 3;
    private const double CarMaxA = 16;

    // Generous: the loop answers within one meter poll (0.5 s); a loaded 2-core machine may take far longer.
    private static readonly TimeSpan BackUnderDeadline = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "chargenet-e2e-loop-" + Guid.NewGuid().ToString("N"));
    private NodePeer? _site;
    private ChildProcess? _daemon;
    private int _nextId;

    public ControlLoopEndToEndTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        _site = await NodePeer.StartAsync("site/physics-site.js", [JsonSerializer.Serialize(new { baseA = 10, carMaxA = CarMaxA, ocpp = new[] { "CP1", "CP2" } })]);
        var modbusPort = JsonDocument.Parse(_site.ReadyInfo).RootElement.GetProperty("port").GetInt32();
        var ocppPort = FreePort();
        var siteFile = Path.Combine(_dataDir, "site.json");
        await File.WriteAllTextAsync(siteFile, SiteJson(modbusPort));
        _daemon = ChildProcess.StartDotnet(BuiltArtifacts.AgentDll,
            ["--site-config", siteFile, "--data-dir", _dataDir, "--web-urls", "http://127.0.0.1:0", "--ocpp-urls", $"http://127.0.0.1:{ocppPort}"]);
        await _daemon.WaitForLineAsync(l => l.Contains("listening on http://", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var connected = await CommandAsync(new { op = "connect", url = $"ws://127.0.0.1:{ocppPort}/ocpp" });
        Assert.True(connected.GetProperty("ok").GetBoolean(), connected + "\n" + _daemon.Transcript);
    }

    public async Task DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }

        if (_site is not null)
        {
            await _site.DisposeAsync();
        }

        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_base_load_step_over_the_fuse_is_brought_back_under_the_limit_and_the_time_is_reported()
    {
        // Settled: there is room for every car at its maximum (10 A base + 3 × 16 A), and each has it.
        var settled = await UntilAsync(
            s => s.GetProperty("wallbox").GetProperty("drawA").GetDouble() >= CarMaxA - 0.5
                 && s.GetProperty("ocpp").EnumerateObject().All(c => c.Value.GetProperty("drawA").GetDouble() >= CarMaxA - 0.5)
                 && Max(s.GetProperty("grid")) <= FuseA - MarginA + 0.5,
            TimeSpan.FromSeconds(120), "every car at its maximum under the target");
        _output.WriteLine("settled: " + settled);

        // The step: 35 A more building load; 35 + 3 × 16 = 83 A on a 63 A fuse.
        var stepped = await CommandAsync(new { op = "base", a = 35, limitA = FuseA });
        Assert.True(Max(stepped.GetProperty("grid")) > FuseA, "the step must overload the grid: " + stepped);

        var back = await UntilAsync(s => s.GetProperty("step").GetProperty("backMs").ValueKind == JsonValueKind.Number, BackUnderDeadline, "the grid back under its fuse");
        var backMs = back.GetProperty("step").GetProperty("backMs").GetDouble();
        _output.WriteLine($"grid back under the {FuseA} A limit {backMs:0} ms after a base-load step to {Max(stepped.GetProperty("grid")):0.0} A");
        Console.WriteLine($"[e2e control loop] grid back under the {FuseA} A limit {backMs:0} ms after the base-load step");
        Assert.True(backMs < BackUnderDeadline.TotalMilliseconds);

        // And it stays there (which charger pauses to make room is the balancer's choice).
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (DateTime.UtcNow < until)
        {
            var state = await CommandAsync(new { op = "state" });
            Assert.True(Max(state.GetProperty("grid")) <= FuseA, "the grid went over its fuse again: " + state + "\n" + _daemon!.Transcript);
            await Task.Delay(200);
        }
    }

    private static string SiteJson(int modbusPort) => $$"""
        {
          "siteId": "e2e-loop",
          "grid": { "phases": 3, "voltageV": 230, "maxCurrentA": {{FuseA}}, "safetyMarginA": {{MarginA}}, "meter": "grid", "fallbackCurrentA": 20 },
          "circuits": [ { "id": "main", "maxCurrentA": {{FuseA}} } ],
          "meters": [ { "id": "grid", "driver": "eastron-sdm630", "modbus": { "host": "127.0.0.1", "port": {{modbusPort}}, "unitId": 1 } } ],
          "chargers": [
            { "id": "CP1", "protocol": "ocpp1.6", "circuit": "main", "minCurrentA": 6, "maxCurrentA": {{CarMaxA}}, "failsafeCurrentA": 6 },
            { "id": "CP2", "protocol": "ocpp1.6", "circuit": "main", "minCurrentA": 6, "maxCurrentA": {{CarMaxA}}, "failsafeCurrentA": 6 },
            { "id": "wb1", "protocol": "modbus", "driver": "generic-charger", "modbus": { "host": "127.0.0.1", "port": {{modbusPort}}, "unitId": 2 },
              "circuit": "main", "minCurrentA": 6, "maxCurrentA": {{CarMaxA}}, "failsafeCurrentA": 6 }
          ]
        }
        """;

    private static double Max(JsonElement phases) => phases.EnumerateArray().Max(p => p.GetDouble());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<JsonElement> UntilAsync(Func<JsonElement, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var state = await CommandAsync(new { op = "state" });
            if (done(state))
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; last state {state}\n{_daemon!.Transcript}\n{_site!.Output}");
            await Task.Delay(50);
        }
    }

    private async Task<JsonElement> CommandAsync(object command)
    {
        var id = Interlocked.Increment(ref _nextId);
        var fields = JsonSerializer.SerializeToElement(command).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        fields["id"] = id;
        var answer = _site!.WaitForLineAsync($"RESULT {id} ", TimeSpan.FromSeconds(30));
        await _site.SendLineAsync(JsonSerializer.Serialize(fields));
        return JsonDocument.Parse(await answer).RootElement.Clone();
    }
}
