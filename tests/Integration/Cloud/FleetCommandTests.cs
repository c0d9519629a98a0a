using System.Text.RegularExpressions;
using ChargeNet.EdgeAgent.Cloud.Fleet;
using ChargeNet.EdgeAgent.Control;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.Integration.Tests.Cloud;

/// <summary><c>chargenet-agent fleet</c> against a real mosquitto with a live site on it.</summary>
public sealed class FleetCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("cloud-fleet-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task The_fleet_view_shows_each_site_online_with_its_load_limit_charging_and_open_alarms()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var harness = await CloudHarness.StartAsync(_dataDir, CloudHarness.Site("fleet-site-1", broker.Port));
        harness.Status = new SiteStatus(
            DateTimeOffset.UtcNow, "fleet-site-1", 1, "fair-share", new GridView([55, 41, 12], 76, false, DateTimeOffset.UtcNow), [20, 16, 6],
            [new ChargerView("CP001", true, null, [new ConnectorView(1, "charging", [16, 16, 0], 16, null, true)]),
             new ChargerView("CP002", true, null, [new ConnectorView(1, "available", [0, 0, 0], 0, null, true)])],
            2);
        await harness.WaitConnectedAsync();

        // Up to three views of six seconds each (telemetry every second, events through the outbox): the first
        // whose row shows everything passes; a loaded machine may hold up the first messages of a view.
        const string expected = @"^fleet-site-1\s+yes\s+55/41/12\s+76\s+1/2\s+1\s+\d+ s ago";
        var row = "";
        for (var attempt = 0; attempt < 3 && !Regex.IsMatch(row, expected); attempt++)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var fleet = FleetCommand.RunAsync(["--broker", $"127.0.0.1:{broker.Port}", "--for", "6"], output, error, CancellationToken.None);

            // Events are not retained: keep raising the same alarm until the view (subscribed at some point) has seen it; it counts once.
            // Telemetry is not retained either, and the link sends a status once (it skips one it has sent): a new
            // timestamp each round, as a live site's status has, so a view that subscribes late still gets one.
            while (!fleet.IsCompleted)
            {
                harness.Status = harness.Status! with { Ts = DateTimeOffset.UtcNow };
                await harness.Events.RaiseAsync(EventSeverities.Warning, "grid", "grid.fallback.started", "grid meter silent", CancellationToken.None);
                await Task.WhenAny(fleet, Task.Delay(200));
            }

            Assert.True(await fleet == 0, error.ToString());
            row = output.ToString().Split('\n').Last(l => l.StartsWith("fleet-site-1", StringComparison.Ordinal)).TrimEnd();
        }

        Assert.True(Regex.IsMatch(row, expected), "the last row was: " + row);
    }

    [Theory]
    [InlineData(new string[0], "--broker HOST[:PORT] is required")]
    [InlineData(new[] { "--broker", "h:70000" }, "not HOST[:PORT]")]
    [InlineData(new[] { "--broker", "h", "--colour" }, "unknown option '--colour'")]
    [InlineData(new[] { "--broker" }, "--broker needs a value")]
    public async Task A_bad_option_exits_2_with_one_line(string[] args, string message)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(2, await FleetCommand.RunAsync(args, output, error, CancellationToken.None));
        var lines = error.ToString().TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
    }
}
