using ChargeNet.Drivers.Devices;
using ChargeNet.Drivers.Ocpp.CentralSystem;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>
/// <see cref="OcppLimitBackOff.Holds"/> without a cut retry (<c>LimitCutRetry</c> unset, the default) is the keeper's back-off
/// before it (ef1d3c4): hold during the back-off only what is not lower than the limit last sent (docs/control-loop-sessions.md,
/// Session 17, "Refused cuts with giveup16").
/// </summary>
public sealed class OcppLimitBackOffTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<SetpointOutcome?, double?, double, double> Records => new()
    {
        // outcome, last sent A, asked A, seconds from the answer (the back-off ends at 5 s)
        { SetpointOutcome.Rejected, 10, 10, 1 },
        { SetpointOutcome.Rejected, 10, 12, 1 },
        { SetpointOutcome.Rejected, 10, 6, 1 },
        { SetpointOutcome.Rejected, 10, 10, 5 },
        { SetpointOutcome.Failed, 0, 0, 1 },
        { SetpointOutcome.Failed, null, 0, 1 }, // nothing known sent: nothing to hold it to
        { null, 10, 10, 1 }, // a call given up (giveup16): no outcome, nothing held
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void Without_a_cut_retry_it_holds_exactly_what_the_keeper_held_before(SetpointOutcome? outcome, double? sentA, double askedA, double afterS)
    {
        var record = new OcppLimitRecord(1, sentA ?? askedA, sentA, outcome, "Rejected", T0, null, 16, 1, T0 + TimeSpan.FromSeconds(5)) { SentAt = T0 };
        var now = T0 + TimeSpan.FromSeconds(afterS);

        // The keeper's condition before Session 16 (OcppLimitKeeper.NotToSend at ef1d3c4).
        var before = record is { Outcome: not null and not SetpointOutcome.Accepted, NextSendAt: { } retryAt } && now < retryAt && askedA >= record.SentA;

        Assert.Equal(before, OcppLimitBackOff.Holds(record, askedA, now, null));
    }
}
