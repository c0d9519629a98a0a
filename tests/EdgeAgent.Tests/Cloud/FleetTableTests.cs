using System.Text;
using ChargeNet.EdgeAgent.Cloud;
using ChargeNet.EdgeAgent.Cloud.Fleet;
using ChargeNet.EdgeAgent.Domain;

namespace ChargeNet.EdgeAgent.Tests.Cloud;

/// <summary>The fleet view's open alarms: which event opens one and which closes it (docs/mqtt.md, "Fleet view").</summary>
public sealed class FleetTableTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero);

    private readonly FleetTable _table = new();

    private HashSet<string> Alarms => _table.Sites.Single().OpenAlarms;

    [Theory]
    [InlineData("gpio", EventSeverities.Warning, "gpio.curtailment.active", "gpio.curtailment.cleared")]
    [InlineData("gpio", EventSeverities.Error, "gpio.unavailable", "gpio.available")]
    [InlineData("gpio", EventSeverities.Error, "gpio.curtailment.read-failed", "gpio.curtailment.read-recovered")]
    [InlineData("gpio", EventSeverities.Error, "gpio.emergency-stop.read-failed", "gpio.emergency-stop.read-recovered")]
    [InlineData("CP001", EventSeverities.Warning, "ocpp.disconnected", "ocpp.connected")]
    [InlineData("CP001", EventSeverities.Warning, "ocpp.limit-not-applied", "ocpp.limit-applied")]
    [InlineData("CP001", EventSeverities.Warning, "ocpp.external-limit", "ocpp.external-limit-cleared")]
    [InlineData("CP001", EventSeverities.Warning, "ocpp.external-limit", "ocpp.external-limit")] // a later limit, not grid critical
    [InlineData("CP001", EventSeverities.Warning, "ocpp.firmware", "ocpp.firmware")] // a later status
    [InlineData("CP001", EventSeverities.Warning, "ocpp.diagnostics", "ocpp.diagnostics")]
    public void An_alarm_is_open_until_its_closing_info_event_from_the_same_source(string source, string severity, string opening, string closing)
    {
        Raise(severity, source, opening);
        Raise(severity, source, opening);
        Assert.Single(Alarms);
        Raise(EventSeverities.Info, source, closing);
        Assert.Empty(Alarms);
    }

    [Fact]
    public void An_emergency_stop_stays_open_after_its_release_and_closes_at_its_acknowledgement_which_opens_nothing()
    {
        Raise(EventSeverities.Warning, "gpio", "gpio.emergency-stop.active");
        Raise(EventSeverities.Info, "gpio", "gpio.emergency-stop.cleared");
        Assert.Single(Alarms);
        Raise(EventSeverities.Warning, "gpio", "gpio.emergency-stop.acknowledged");
        Assert.Empty(Alarms);
    }

    [Fact]
    public void A_last_resort_stop_shows_and_stays_through_the_end_of_the_session_it_caused()
    {
        Raise(EventSeverities.Warning, "CP001", "charger.session.stopped");
        Raise(EventSeverities.Info, "CP001", "ocpp.session-finished");
        Assert.Single(Alarms);
    }

    [Theory]
    [InlineData(EventSeverities.Warning, "charger.session.stopped")]
    [InlineData(EventSeverities.Info, "ocpp.session-finished")]
    [InlineData(EventSeverities.Info, "session.finished")]
    public void A_session_stop_that_failed_closes_at_a_later_stop_or_at_the_sessions_end(string severity, string code)
    {
        Raise(EventSeverities.Warning, "CP001", "charger.session.stop-failed");
        Raise(EventSeverities.Warning, "CP002", "charger.session.stop-failed");
        Raise(severity, "CP001", code);
        Assert.DoesNotContain("CP001 charger.session.stop-failed", Alarms);
        Assert.Contains("CP002 charger.session.stop-failed", Alarms);
    }

    [Fact]
    public void A_close_closes_only_its_own_alarm_of_its_own_source()
    {
        Raise(EventSeverities.Warning, "CP001", "ocpp.disconnected");
        Raise(EventSeverities.Warning, "CP002", "ocpp.disconnected");
        Raise(EventSeverities.Warning, "gpio", "gpio.emergency-stop.active");
        Raise(EventSeverities.Warning, "gpio", "gpio.curtailment.active");
        Raise(EventSeverities.Info, "CP002", "ocpp.connected");
        Raise(EventSeverities.Info, "gpio", "gpio.curtailment.cleared");
        Assert.Equal(2, Alarms.Count);
        Assert.Single(Alarms, a => a.StartsWith("CP001 ", StringComparison.Ordinal));
        Assert.Single(Alarms, a => a.StartsWith("gpio ", StringComparison.Ordinal));
    }

    [Fact]
    public void An_alarm_whose_close_never_came_stays_open_beside_those_closed()
    {
        // Closed: GPIO available again. Not closed: the stop released but not acknowledged, and two with no close of their own.
        Raise(EventSeverities.Error, "gpio", "gpio.unavailable");
        Raise(EventSeverities.Warning, "gpio", "gpio.emergency-stop.active");
        Raise(EventSeverities.Info, "gpio", "gpio.emergency-stop.cleared");
        Raise(EventSeverities.Error, "gpio", "gpio.curtailment.read-failed");
        Raise(EventSeverities.Warning, "CP001", "ocpp.connector-faulted");
        Raise(EventSeverities.Info, "CP001", "session.started");
        Raise(EventSeverities.Info, "gpio", "gpio.available");
        Assert.Equal(3, Alarms.Count);
        Assert.Contains("      3  ", _table.Render(At), StringComparison.Ordinal);
    }

    private void Raise(string severity, string source, string code) =>
        _table.Apply("chargenet/v1/site-1/" + CloudTopics.Events, Encoding.UTF8.GetBytes(CloudPayloads.Event(new EdgeEvent("e", At, severity, source, code, "m"))), At);
}
