using ChargeNet.Drivers.Devices;
using ChargeNet.EdgeAgent.Control;

namespace ChargeNet.EdgeAgent.Tests.Control;

public sealed class ConnectorRuntimeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Response = TimeSpan.FromSeconds(5);

    [Fact]
    public void An_older_limit_accepted_after_a_newer_one_leaves_the_order_at_the_charger_unknown_until_the_newer_is_sent_again()
    {
        // 7 A is sent, then 0 A supersedes it before the charger answered. The charger accepts the 0 A, and
        // then — late — the 7 A: which of the two it applied last is unknown, so both may be in force.
        var runtime = new ConnectorRuntime("cp", 1, unknownLimitA: 32);
        var raise = runtime.TryBeginSend(7, T0)!;
        var pause = runtime.TryBeginSend(0, T0.AddSeconds(1))!;
        runtime.CompleteSend(pause, SetpointOutcome.Accepted, T0.AddSeconds(1.5));
        runtime.CompleteSend(raise, SetpointOutcome.Accepted, T0.AddSeconds(3));

        var later = T0.AddSeconds(60);
        Assert.Equal(7, runtime.History.InForce(later - Response, later, includeUnknown: false).MostA);

        // The 0 A counts as unconfirmed, so the loop sends it again; once accepted, it is the one in force.
        Assert.False(runtime.Confirmed);
        var again = runtime.TryBeginSend(0, later)!;
        runtime.CompleteSend(again, SetpointOutcome.Accepted, later.AddSeconds(0.5));
        var settled = later.AddSeconds(10);
        Assert.Equal((0, 0), runtime.History.InForce(settled - Response, settled, includeUnknown: false));
    }
}
