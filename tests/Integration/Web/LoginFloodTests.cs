using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>Login as a denial of service (issue 14, item 4): wrong logins in bulk cost bounded CPU and never slow the control loop.</summary>
public sealed class LoginFloodTests
{
    private const int Addresses = 30;
    private const int Attempts = 300;

    [Fact]
    public async Task Three_hundred_concurrent_wrong_logins_from_thirty_addresses_leave_the_control_loop_cycling_on_time()
    {
        await using var daemon = await WebDaemon.StartAsync();
        using var admin = await daemon.LoggedInClientAsync();
        var clients = Enumerable.Range(0, Addresses).Select(i => FromAddress(daemon.BaseAddress, IPAddress.Parse($"127.0.0.{10 + i}"))).ToList();
        try
        {
            using var flooding = new CancellationTokenSource();
            var cycles = WatchCyclesAsync(admin, flooding.Token);
            var answers = await Task.WhenAll(Enumerable.Range(0, Attempts).Select(async i =>
            {
                using var response = await clients[i % Addresses].PostAsJsonAsync("api/v1/login", new { username = "admin", password = $"wrong-guess-{i}" });
                return response.StatusCode;
            }));
            await flooding.CancelAsync();
            var (gaps, slowestCycleMs) = await cycles;

            // Every attempt was refused, and per address at most MaxFailures passwords were checked.
            Assert.All(answers, a => Assert.True(a is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, a.ToString()));
            Assert.InRange(answers.Count(a => a == HttpStatusCode.Unauthorized), 1, Addresses * 5);

            // The loop (period 1 s) kept cycling while the logins ran.
            Assert.True(gaps.Count >= 2, $"too few cycles seen: {gaps.Count}");
            Assert.True(gaps.Max() < TimeSpan.FromSeconds(2.5), "the longest gap between cycles was " + gaps.Max());
            Assert.True(slowestCycleMs < 500, $"the slowest cycle took {slowestCycleMs} ms");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The gaps between the cycles the status shows, and the slowest cycle's own work, until cancelled (and then two cycles more).</summary>
    private static async Task<(List<TimeSpan> Gaps, double SlowestCycleMs)> WatchCyclesAsync(HttpClient admin, CancellationToken flooding)
    {
        var seen = new List<DateTimeOffset>();
        var slowest = 0.0;
        var after = 0;
        while (after < 2)
        {
            var status = await admin.GetFromJsonAsync<JsonElement>("api/v1/status", CancellationToken.None);
            var ts = status.GetProperty("ts").GetDateTimeOffset();
            if (seen.Count == 0 || seen[^1] != ts)
            {
                seen.Add(ts);
                slowest = Math.Max(slowest, status.GetProperty("cycleMs").GetDouble());
                after += flooding.IsCancellationRequested ? 1 : 0;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return ([.. seen.Zip(seen.Skip(1), (a, b) => b - a)], slowest);
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x address reaches loopback on Linux).</summary>
    private static HttpClient FromAddress(Uri baseAddress, IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = baseAddress };
}
