using ChargeNet.EdgeAgent.Domain;
using ChargeNet.EdgeAgent.Storage;

namespace ChargeNet.Integration.Tests.Foundation;

/// <summary>The built daemon in demo mode: it starts, answers, stops on SIGTERM, and a second run carries on.</summary>
public sealed class DemoRunTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "chargenet-demo-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_demo_starts_answers_stops_on_SIGTERM_and_a_second_run_carries_on_from_the_first()
    {
        var address = await RunDemoAsync(probeWithHealthCheck: true);
        IReadOnlyList<EdgeEvent> firstRunEvents;
        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            var revisions = await store.Revisions.ListAsync(10, 0, CancellationToken.None);
            var revision = Assert.Single(revisions);
            Assert.Equal((1, RevisionSources.Demo), (revision.Number, revision.Source));
            firstRunEvents = await store.Events.ListAsync(10_000, 0, CancellationToken.None);
            Assert.Contains(firstRunEvents, e => e.Code == "demo.car.arrived");

            // Its OCPP chargers closed their connections with 1001 as it stopped: no charger "dropped" (docs/ocpp.md, "When the edge stops").
            Assert.DoesNotContain(firstRunEvents, e => e.Code == "ocpp.disconnected" && e.Severity == EventSeverities.Warning);
        }

        // With the daemon gone, the container health check says so.
        Assert.Equal(1, await HealthCheckAsync(address));

        await RunDemoAsync(probeWithHealthCheck: false);
        using (var store = LiteEdgeStore.Open(_dataDir))
        {
            // The second run found the first's configuration and did not seed the demo again.
            var revision = Assert.Single(await store.Revisions.ListAsync(10, 0, CancellationToken.None));
            Assert.Equal(1, revision.Number);
            var events = (await store.Events.ListAsync(10_000, 0, CancellationToken.None)).Select(e => e.Id).ToHashSet();
            Assert.All(firstRunEvents, e => Assert.Contains(e.Id, events));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    /// <summary>Runs <c>chargenet-agent --health-check URL</c>, the probe of the container image; returns its exit code.</summary>
    private static async Task<int> HealthCheckAsync(Uri address)
    {
        await using var probe = ChildProcess.StartDotnet(BuiltArtifacts.AgentDll, ["--health-check", new Uri(address, "/healthz").ToString()]);
        return await probe.WaitForExitAsync(Timeout);
    }

    private async Task<Uri> RunDemoAsync(bool probeWithHealthCheck)
    {
        await using var agent = ChildProcess.StartDotnet(BuiltArtifacts.AgentDll,
            ["--demo", "--data-dir", _dataDir, "--web-urls", "http://127.0.0.1:0", "--ocpp-urls", "http://127.0.0.1:0"]);

        var listening = await agent.WaitForLineAsync(l => l.Contains("listening on http://", StringComparison.Ordinal), Timeout);
        var address = new Uri(listening[(listening.IndexOf("listening on ", StringComparison.Ordinal) + "listening on ".Length)..].Trim());
        using var http = new HttpClient { BaseAddress = address, Timeout = Timeout };
        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.True(health.IsSuccessStatusCode, $"/healthz answered {(int)health.StatusCode}:\n{agent.Transcript}");
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.True(ready.IsSuccessStatusCode, $"/readyz answered {(int)ready.StatusCode}:\n{agent.Transcript}");

        if (probeWithHealthCheck)
        {
            Assert.Equal(0, await HealthCheckAsync(address));
        }

        // The simulated site runs: cars arrive, each an event in the store.
        await agent.WaitForLineAsync(l => l.Contains("demo.car.", StringComparison.Ordinal), Timeout);

        await agent.TerminateAsync();
        var exitCode = await agent.WaitForExitAsync(Timeout);
        Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM:\n{agent.Transcript}");
        return address;
    }
}
