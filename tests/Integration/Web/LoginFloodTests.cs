using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace ChargeNet.Integration.Tests.Web;

/// <summary>
/// Login as a denial of service (issue 14, item 4): wrong logins in bulk cost bounded CPU and never
/// slow the control loop. "On time" is judged against an identical daemon beside the flooded one that
/// gets no logins: both share whatever else the machine is doing, so only what the logins cost the
/// flooded daemon's loop can set the two apart (a loaded test machine slows both alike).
/// </summary>
public sealed class LoginFloodTests
{
    private const int Addresses = 30;
    private const int Attempts = 300;

    [Fact]
    public async Task Three_hundred_concurrent_wrong_logins_from_thirty_addresses_leave_the_control_loop_cycling_on_time()
    {
        var started = await Task.WhenAll(WebDaemon.StartAsync(), WebDaemon.StartAsync());
        await using var flooded = started[0];
        await using var reference = started[1];
        using var floodedAdmin = await flooded.LoggedInClientAsync();
        using var referenceAdmin = await reference.LoggedInClientAsync();
        var clients = Enumerable.Range(0, Addresses).Select(i => FromAddress(flooded.BaseAddress, IPAddress.Parse($"127.0.0.{10 + i}"))).ToList();
        try
        {
            using var flooding = new CancellationTokenSource();
            var floodedWatch = WatchCyclesAsync(floodedAdmin, flooding.Token);
            var referenceWatch = WatchCyclesAsync(referenceAdmin, flooding.Token);
            var answers = await Task.WhenAll(Enumerable.Range(0, Attempts).Select(async i =>
            {
                using var response = await clients[i % Addresses].PostAsJsonAsync("api/v1/login", new { username = "admin", password = $"wrong-guess-{i}" });
                return response.StatusCode;
            }));
            await flooding.CancelAsync();
            var (floodedCycles, floodedGaps) = await floodedWatch;
            var (referenceCycles, referenceGaps) = await referenceWatch;

            // Every attempt was refused, and per address at most MaxFailures passwords were checked.
            Assert.All(answers, a => Assert.True(a is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, a.ToString()));
            Assert.InRange(answers.Count(a => a == HttpStatusCode.Unauthorized), 1, Addresses * 5);

            // The flooded loop (period 1 s) kept cycling, as often as the reference's and without a pause
            // longer than the reference's longest by more than two periods. A loop starved by the
            // password hashes misses about as many cycles as the flood lasts seconds.
            var report = $"flooded: {floodedCycles} cycles, longest gap {floodedGaps.Max()}; reference: {referenceCycles} cycles, longest gap {referenceGaps.Max()}";
            Assert.True(floodedCycles >= 2, report);
            Assert.True(floodedCycles >= (referenceCycles * 3 / 4) - 1, report);
            Assert.True(floodedGaps.Max() <= referenceGaps.Max() + TimeSpan.FromSeconds(2), report);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>
    /// The cycles a daemon completed from now until cancelled and two cycles more (its metrics count
    /// them), and the gaps between the cycles its status showed meanwhile (sampled every 100 ms).
    /// </summary>
    private static async Task<(long Cycles, List<TimeSpan> Gaps)> WatchCyclesAsync(HttpClient admin, CancellationToken flooding)
    {
        var first = await CyclesAsync(admin);
        var seen = new List<DateTimeOffset>();
        var after = 0;
        while (after < 2)
        {
            var status = await admin.GetFromJsonAsync<JsonElement>("api/v1/status", CancellationToken.None);
            var ts = status.GetProperty("ts").GetDateTimeOffset();
            if (seen.Count == 0 || seen[^1] != ts)
            {
                seen.Add(ts);
                after += flooding.IsCancellationRequested ? 1 : 0;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return (await CyclesAsync(admin) - first, [.. seen.Zip(seen.Skip(1), (a, b) => b - a)]);
    }

    /// <summary>The cycles the daemon has completed since it started (<c>chargenet_control_cycle_seconds_count</c>).</summary>
    private static async Task<long> CyclesAsync(HttpClient admin)
    {
        const string Count = "chargenet_control_cycle_seconds_count ";
        var line = (await admin.GetStringAsync("metrics")).Split('\n').Single(l => l.StartsWith(Count, StringComparison.Ordinal));
        return long.Parse(line[Count.Length..], CultureInfo.InvariantCulture);
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
