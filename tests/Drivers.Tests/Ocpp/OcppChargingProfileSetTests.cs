using ChargeNet.Drivers.Ocpp.V16.Messages;
using ChargeNet.Drivers.Ocpp.V16.SmartCharging;

namespace ChargeNet.Drivers.Tests.Ocpp;

/// <summary>Profile stacking as OCPP 1.6 section 3.13 defines it.</summary>
public sealed class OcppChargingProfileSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_limit_is_the_lower_of_the_charge_point_maximum_and_the_tx_default()
    {
        var set = new OcppChargingProfileSet();
        Assert.Null(set.Install(0, Profile(1, 0, ChargingProfilePurposeType.ChargePointMaxProfile, 20), null));
        Assert.Null(set.Install(1, Profile(2, 0, ChargingProfilePurposeType.TxDefaultProfile, 25), null));
        Assert.Equal(20, set.LimitAtA(1, T0, null, null));
        Assert.Null(set.Install(1, Profile(3, 1, ChargingProfilePurposeType.TxDefaultProfile, 12), null));
        Assert.Equal(12, set.LimitAtA(1, T0, null, null));
        Assert.Equal(20, set.LimitAtA(2, T0, null, null));
    }

    [Fact]
    public void A_tx_profile_replaces_the_tx_default_during_its_transaction_only()
    {
        var set = new OcppChargingProfileSet();
        set.Install(0, Profile(1, 0, ChargingProfilePurposeType.TxDefaultProfile, 10), null);
        Assert.NotNull(set.Install(1, Profile(2, 0, ChargingProfilePurposeType.TxProfile, 30), null));
        Assert.Null(set.Install(1, Profile(2, 0, ChargingProfilePurposeType.TxProfile, 30), 77));
        Assert.Equal(30, set.LimitAtA(1, T0, 77, T0));
        Assert.Equal(10, set.LimitAtA(1, T0, null, null));
        set.EndTransaction(77);
        Assert.Equal(10, set.LimitAtA(1, T0, 77, T0));
    }

    [Fact]
    public void The_highest_stack_level_in_force_wins_and_a_lower_one_returns_when_it_expires()
    {
        var set = new OcppChargingProfileSet();
        set.Install(1, Profile(1, 1, ChargingProfilePurposeType.TxDefaultProfile, 16), null);
        set.Install(1, Profile(2, 5, ChargingProfilePurposeType.TxDefaultProfile, 8) with { ValidTo = T0.AddHours(1) }, null);
        Assert.Equal(8, set.LimitAtA(1, T0.AddMinutes(30), null, null));
        Assert.Equal(16, set.LimitAtA(1, T0.AddHours(2), null, null));
    }

    [Fact]
    public void Same_stack_level_and_purpose_replaces_and_same_id_replaces()
    {
        var set = new OcppChargingProfileSet();
        set.Install(1, Profile(1, 3, ChargingProfilePurposeType.TxDefaultProfile, 16), null);
        set.Install(1, Profile(2, 3, ChargingProfilePurposeType.TxDefaultProfile, 10), null);
        Assert.Equal(1, set.Count);
        set.Install(1, Profile(2, 4, ChargingProfilePurposeType.TxDefaultProfile, 6), null);
        Assert.Equal(1, set.Count);
        Assert.Equal(6, set.LimitAtA(1, T0, null, null));
    }

    [Fact]
    public void A_watt_schedule_is_total_power_over_the_phases()
    {
        var set = new OcppChargingProfileSet(voltageV: 230);
        var watts = new ChargingSchedule(ChargingRateUnitType.W, [new ChargingSchedulePeriod(0, 11_040m), new ChargingSchedulePeriod(600, 3680m, NumberPhases: 1)], StartSchedule: T0);
        set.Install(0, new ChargingProfile(9, 0, ChargingProfilePurposeType.ChargePointMaxProfile, ChargingProfileKindType.Absolute, watts), null);
        Assert.Equal(16, set.LimitAtA(1, T0, null, null)!.Value, 6);
        Assert.Equal(16, set.LimitAtA(1, T0.AddMinutes(11), null, null)!.Value, 6);
    }

    [Fact]
    public void A_daily_recurring_profile_repeats_and_the_composite_schedule_shows_each_change()
    {
        var set = new OcppChargingProfileSet();
        var schedule = new ChargingSchedule(ChargingRateUnitType.A, [new ChargingSchedulePeriod(0, 6m), new ChargingSchedulePeriod(3600, 32m)], Duration: 86_400, StartSchedule: T0.AddDays(-3));
        set.Install(1, new ChargingProfile(4, 0, ChargingProfilePurposeType.TxDefaultProfile, ChargingProfileKindType.Recurring, schedule, RecurrencyKind: RecurrencyKindType.Daily), null);
        Assert.Equal(6, set.LimitAtA(1, T0.AddMinutes(30), null, null));
        Assert.Equal(32, set.LimitAtA(1, T0.AddHours(2), null, null));

        var composite = set.CompositeSchedule(1, T0.AddMinutes(-30), TimeSpan.FromHours(2), null, null, unlimitedA: 40);
        Assert.Equal([(0, 32m), (1800, 6m), (5400, 32m)], composite.ChargingSchedulePeriod.Select(p => (p.StartPeriod, p.Limit)));
    }

    [Fact]
    public void Clearing_by_purpose_leaves_the_others()
    {
        var set = new OcppChargingProfileSet();
        set.Install(0, Profile(1, 0, ChargingProfilePurposeType.ChargePointMaxProfile, 20), null);
        set.Install(1, Profile(2, 0, ChargingProfilePurposeType.TxDefaultProfile, 10), null);
        Assert.Equal(1, set.Clear(null, null, ChargingProfilePurposeType.TxDefaultProfile, null));
        Assert.Equal(20, set.LimitAtA(1, T0, null, null));
        Assert.NotNull(set.Install(2, Profile(3, 0, ChargingProfilePurposeType.ChargePointMaxProfile, 20), null));
    }

    private static ChargingProfile Profile(int id, int stackLevel, ChargingProfilePurposeType purpose, decimal limitA) =>
        new(id, stackLevel, purpose, ChargingProfileKindType.Absolute, new ChargingSchedule(ChargingRateUnitType.A, [new ChargingSchedulePeriod(0, limitA)], StartSchedule: T0.AddHours(-1)));
}
