using System.Text.Json;
using ChargeNet.EdgeAgent.Configuration;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary>
/// The month's power peak (docs/load-balancing.md, "The peak target in the daemon") in the real
/// daemon's MQTT telemetry over a real mosquitto, and kept in its real LiteDB file when the daemon is
/// killed hard and started again on the same data directory.
/// </summary>
public sealed class PeakTelemetryTests : IDisposable
{
    private const string Telemetry = "chargenet/v1/peak-site/telemetry";
    private readonly string _dataDir = Directory.CreateTempSubdirectory("peak-daemon-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Telemetry_carries_the_months_peak_and_a_hard_kill_does_not_forget_it()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var cloud = await CloudObserver.ConnectAsync(broker.Port, "chargenet/v1/+/#");
        var siteFile = await CloudDaemon.WriteSiteAsync(_dataDir, "peak-site", broker.Port, site => site with
        {
            Grid = site.Grid with { PowerTariff = new PowerTariffSettings { WindowMinutes = 60, TimeZone = "Europe/Stockholm", Currency = "SEK", PricePerKw = 145 } },
        });

        double billedBefore;
        await using (var daemon = CloudDaemon.Start(_dataDir, siteFile))
        {
            // Past the first save (at the first cycle, then every 30 s) with the site drawing power.
            var first = await cloud.WaitForAsync(m => Peaks(m).Any(p => p.GetProperty("billedPeakKw").GetDouble() > 0), TimeSpan.FromSeconds(60), "telemetry with the month's peak");
            var peak = Peaks(first).First();
            Assert.Equal("SEK", peak.GetProperty("currency").GetString());
            Assert.Equal(145, peak.GetProperty("pricePerKw").GetDouble());
            Assert.True(peak.GetProperty("windowCounts").GetBoolean(), peak.ToString());
            Assert.True(peak.GetProperty("targetKw").GetDouble() > 0);
            var startedAt = DateTimeOffset.UtcNow;
            await cloud.WaitForAsync(_ => DateTimeOffset.UtcNow - startedAt > TimeSpan.FromSeconds(35), TimeSpan.FromSeconds(60), "35 s of running");
            billedBefore = Peaks(cloud.On(Telemetry)).Last().GetProperty("billedPeakKw").GetDouble();
            daemon.KillHard();
        }

        var killedAt = DateTimeOffset.UtcNow;
        await using var restarted = CloudDaemon.Start(_dataDir, siteFile);
        var after = await cloud.WaitForAsync(
            m => m.Any(x => x.Topic == Telemetry && x.Json.GetProperty("ts").GetDateTimeOffset() > killedAt && x.Json.TryGetProperty("peak", out _)),
            TimeSpan.FromSeconds(60),
            "telemetry of the restarted daemon");
        var restored = after.Last(x => x.Topic == Telemetry && x.Json.GetProperty("ts").GetDateTimeOffset() > killedAt).Json.GetProperty("peak");

        // The open hour's energy was kept (at most the last 30 s counted at the last power): the
        // billed peak of the month goes on from where it was, not from 0.
        Assert.True(restored.GetProperty("billedPeakKw").GetDouble() >= billedBefore * 0.9, $"billed {restored.GetProperty("billedPeakKw")} kW after the restart, {billedBefore} kW before");
    }

    private static IEnumerable<JsonElement> Peaks(IEnumerable<CloudObserver.Received> messages) =>
        messages.Where(m => m.Topic == Telemetry).Select(m => m.Json).Where(j => j.TryGetProperty("peak", out _)).Select(j => j.GetProperty("peak"));
}
