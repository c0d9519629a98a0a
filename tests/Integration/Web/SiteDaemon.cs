using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChargeNet.Integration.Tests.Foundation;
using ChargeNet.Integration.Tests.Ocpp;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// The built daemon on a site of the test's own (--site-config), on OS-assigned loopback ports, with
/// its own data directory: the web address and the OCPP address it prints, and logged-in clients.
/// </summary>
internal sealed class SiteDaemon : IAsyncDisposable
{
    public const string AdminPassword = "site-daemon-admin-pw";

    private SiteDaemon(ChildProcess process, Uri web, Uri ocpp, string dataDir)
    {
        Process = process;
        Web = web;
        Ocpp = ocpp;
        DataDir = dataDir;
    }

    public ChildProcess Process { get; }

    /// <summary>The page and API (http:// or https://).</summary>
    public Uri Web { get; }

    /// <summary>The OCPP listener (http:// or https://; chargers use ws:// or wss:// and /ocpp).</summary>
    public Uri Ocpp { get; }

    public string DataDir { get; }

    /// <summary>Starts the daemon on <paramref name="siteJson"/>; <paramref name="prepare"/> may put files (certificates) in the data directory first.</summary>
    public static async Task<SiteDaemon> StartAsync(string siteJson, Action<string>? prepare = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("chargenet-site-").FullName;
        prepare?.Invoke(dataDir);
        await File.WriteAllTextAsync(Path.Combine(dataDir, "site.json"), siteJson);
        return await LaunchAsync(dataDir);
    }

    /// <summary>
    /// Kills this daemon hard (SIGKILL, as a power cut) and starts another on the same data directory and
    /// site.json, on new ports; dispose both (the directory goes with the first disposed that finds it).
    /// </summary>
    public async Task<SiteDaemon> RestartAsync()
    {
        Process.KillHard();
        await Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return await LaunchAsync(DataDir);
    }

    private static async Task<SiteDaemon> LaunchAsync(string dataDir)
    {
        var site = Path.Combine(dataDir, "site.json");
        var process = ChildProcess.StartDotnet(BuiltArtifacts.AgentDll,
            ["--site-config", site, "--data-dir", dataDir, "--web-urls", "http://127.0.0.1:0", "--ocpp-urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["CHARGENET_ADMIN_PASSWORD"] = AdminPassword });
        try
        {
            await process.WaitForLineCountAsync(l => l.Contains("listening on ", StringComparison.Ordinal), 2, TimeSpan.FromSeconds(60));
            var addresses = process.StandardOutput.Where(l => l.Contains("listening on ", StringComparison.Ordinal))
                .Select(l => new Uri(l[(l.IndexOf("listening on ", StringComparison.Ordinal) + "listening on ".Length)..].Trim() + "/")).ToList();
            return new SiteDaemon(process, addresses[0], addresses[1], dataDir);
        }
        catch
        {
            await process.DisposeAsync();
            Directory.Delete(dataDir, recursive: true);
            throw;
        }
    }

    /// <summary>A strict ocpp-rpc OCPP 1.6 charge point connected to this daemon as <paramref name="chargerId"/> and booted (Accepted).</summary>
    public async Task<OcppPeer> BootedChargerAsync(string chargerId)
    {
        var charger = await OcppPeer.StartAsync();
        Assert.True((await charger.ConnectAsync($"ws://{Ocpp.Authority}/ocpp", chargerId)).GetProperty("ok").GetBoolean(), charger.Output);
        await charger.CallOkAsync("BootNotification", OcppPayloads.Boot);
        return charger;
    }

    /// <summary>A client of the API with the bearer token of a fresh login.</summary>
    public async Task<HttpClient> LoggedInClientAsync(HttpMessageHandler? handler = null)
    {
        var client = new HttpClient(handler ?? new HttpClientHandler(), disposeHandler: true) { BaseAddress = Web };
        using var response = await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }
}
