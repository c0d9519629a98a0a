using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ChargeNet.Integration.Tests.Foundation;
using ChargeNet.Integration.Tests.Peers;

namespace ChargeNet.Integration.Tests.ControlLoop;

/// <summary>
/// The real daemon against tests/peers/site/physics-site.js (Modbus meters and wallbox over npm
/// modbus-serial, OCPP 1.6J chargers over npm ocpp-rpc in strict mode): starts both, connects the
/// chargers, and talks to the peer's command interface.
/// </summary>
internal sealed class PhysicsSiteRun : IAsyncDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "chargenet-e2e-loop-" + Guid.NewGuid().ToString("N"));
    private const string AdminPassword = "physics-site-admin-pw";

    private NodePeer? _site;
    private ChildProcess? _daemon;
    private Uri? _web;
    private int _nextId;

    public string Transcript => (_daemon?.Transcript ?? "") + "\n" + (_site?.Output ?? "");

    /// <summary>How often the daemon has announced the grid fallback (its event, as logged) so far.</summary>
    public int FallbacksAnnounced => (_daemon?.Transcript ?? "").Split("grid.fallback.started").Length - 1;

    /// <summary>Starts the peer with <paramref name="peerConfig"/> and the daemon on the site that <paramref name="siteJson"/> makes of the peer's Modbus port.</summary>
    public static async Task<PhysicsSiteRun> StartAsync(object peerConfig, Func<int, string> siteJson)
    {
        var run = new PhysicsSiteRun();
        try
        {
            Directory.CreateDirectory(run._dataDir);
            run._site = await NodePeer.StartAsync("site/physics-site.js", [JsonSerializer.Serialize(peerConfig)]);
            var modbusPort = JsonDocument.Parse(run._site.ReadyInfo).RootElement.GetProperty("port").GetInt32();
            var ocppPort = FreePort();
            var siteFile = Path.Combine(run._dataDir, "site.json");
            await File.WriteAllTextAsync(siteFile, siteJson(modbusPort));
            run._daemon = ChildProcess.StartDotnet(BuiltArtifacts.AgentDll,
                ["--site-config", siteFile, "--data-dir", run._dataDir, "--web-urls", "http://127.0.0.1:0", "--ocpp-urls", $"http://127.0.0.1:{ocppPort}"],
                new Dictionary<string, string> { ["CHARGENET_ADMIN_PASSWORD"] = AdminPassword });
            await run._daemon.WaitForLineCountAsync(l => l.Contains("listening on http://", StringComparison.Ordinal), 2, TimeSpan.FromSeconds(60));
            run._web = run._daemon.StandardOutput.Where(l => l.Contains("listening on http://", StringComparison.Ordinal) && !l.Contains($":{ocppPort}", StringComparison.Ordinal))
                .Select(l => new Uri(l[(l.IndexOf("listening on ", StringComparison.Ordinal) + "listening on ".Length)..].Trim() + "/")).First();
            var connected = await run.CommandAsync(new { op = "connect", url = $"ws://127.0.0.1:{ocppPort}/ocpp" });
            Assert.True(connected.GetProperty("ok").GetBoolean(), connected + "\n" + run.Transcript);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
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

    /// <summary>Polls the peer's state until <paramref name="done"/> holds, failing after <paramref name="within"/>.</summary>
    public async Task<JsonElement> UntilAsync(Func<JsonElement, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var state = await CommandAsync(new { op = "state" });
            if (done(state))
            {
                return state;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; last state {state}\n{Transcript}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Sends <paramref name="fault"/> and, for <paramref name="span"/>, checks the peer's state every 250 ms: the daemon
    /// announces no grid fallback and <paramref name="holds"/> stays true. Returns the last state.
    /// </summary>
    public async Task<JsonElement> WithoutFallbackAsync(object fault, TimeSpan span, Func<JsonElement, bool> holds, string what)
    {
        var fallbacksBefore = FallbacksAnnounced;
        await CommandAsync(fault);
        var until = DateTime.UtcNow + span;
        while (true)
        {
            var state = await CommandAsync(new { op = "state" });
            Assert.True(FallbacksAnnounced == fallbacksBefore, $"the grid fallback started after {JsonSerializer.Serialize(fault)}: {state}\n{Transcript}");
            Assert.True(holds(state), $"{what} no longer held after {JsonSerializer.Serialize(fault)}: {state}\n{Transcript}");
            if (DateTime.UtcNow >= until)
            {
                return state;
            }

            await Task.Delay(250);
        }
    }

    public async Task<JsonElement> CommandAsync(object command)
    {
        var id = Interlocked.Increment(ref _nextId);
        var fields = JsonSerializer.SerializeToElement(command).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        fields["id"] = id;
        var answer = _site!.WaitForLineAsync($"RESULT {id} ", TimeSpan.FromSeconds(30));
        await _site.SendLineAsync(JsonSerializer.Serialize(fields));
        return JsonDocument.Parse(await answer).RootElement.Clone();
    }

    /// <summary>The daemon's own view (GET /api/v1/status): what it counted and why, for a failure's evidence.</summary>
    public async Task<JsonElement> DaemonStatusAsync()
    {
        using var client = new HttpClient { BaseAddress = _web };
        using var login = await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = AdminPassword });
        login.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return await client.GetFromJsonAsync<JsonElement>("api/v1/status");
    }

    public static double Max(JsonElement phases) => phases.EnumerateArray().Max(p => p.GetDouble());

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
