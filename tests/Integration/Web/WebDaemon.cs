using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChargeNet.Integration.Tests.Foundation;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>The built daemon in demo mode on OS-assigned loopback ports, with its own data directory.</summary>
internal sealed class WebDaemon : IAsyncDisposable
{
    public const string AdminPassword = "integration-admin-pw";

    private readonly string _dataDir;

    private WebDaemon(ChildProcess process, Uri baseAddress, Uri ocppAddress, string dataDir)
    {
        Process = process;
        BaseAddress = baseAddress;
        OcppAddress = ocppAddress;
        _dataDir = dataDir;
    }

    /// <summary>The OCPP listener (<c>--ocpp-urls</c>), as http://; its own port.</summary>
    public Uri OcppAddress { get; }

    public ChildProcess Process { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts the daemon; with <paramref name="adminPassword"/> null it starts without CHARGENET_ADMIN_PASSWORD (setup step).</summary>
    /// <param name="extraEnvironment">More environment variables for the daemon.</param>
    /// <param name="dataDir">The data directory of an earlier run to start on again; a new one when null.</param>
    public static async Task<WebDaemon> StartAsync(string? adminPassword = AdminPassword, IReadOnlyDictionary<string, string>? extraEnvironment = null, string? dataDir = null)
    {
        dataDir ??= Path.Combine(Path.GetTempPath(), "chargenet-web-" + Guid.NewGuid().ToString("N"));
        var environment = new Dictionary<string, string>();
        if (adminPassword is not null)
        {
            environment["CHARGENET_ADMIN_PASSWORD"] = adminPassword;
        }

        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var process = ChildProcess.StartDotnet(
            BuiltArtifacts.AgentDll,
            ["--demo", "--data-dir", dataDir, "--web-urls", "http://127.0.0.1:0", "--ocpp-urls", "http://127.0.0.1:0"],
            environment);
        try
        {
            // One line per listener, the web's first (--web-urls, then --ocpp-urls).
            static bool Listening(string l) => l.Contains("listening on http://", StringComparison.Ordinal);
            await process.WaitForLineCountAsync(Listening, 2, TimeSpan.FromSeconds(60));
            var addresses = process.StandardOutput.Where(Listening).Select(l => new Uri(l[l.IndexOf("http://", StringComparison.Ordinal)..].Trim() + "/")).ToList();
            var daemon = new WebDaemon(process, addresses[0], addresses[1], dataDir);
            await daemon.WaitForFirstCycleAsync();
            return daemon;
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client without cookies (scripts use the bearer token).</summary>
    public HttpClient NewClient(bool cookies = false) =>
        new(new HttpClientHandler { UseCookies = cookies, CookieContainer = new CookieContainer() }, disposeHandler: true) { BaseAddress = BaseAddress };

    /// <summary>A client that sends the bearer token of a fresh login.</summary>
    public async Task<HttpClient> LoggedInClientAsync()
    {
        var client = NewClient();
        using var response = await client.PostAsJsonAsync("api/v1/login", new { username = "admin", password = AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Kills the daemon and starts it again on the same data directory, as a power cut and a reboot would.</summary>
    public async Task<WebDaemon> RestartAsync()
    {
        await Process.DisposeAsync();
        return await StartAsync(AdminPassword, dataDir: _dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private async Task WaitForFirstCycleAsync()
    {
        using var client = NewClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync("readyz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the daemon did not become ready:\n" + Process.Transcript);
            }

            await Task.Delay(100);
        }
    }
}
