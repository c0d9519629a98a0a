namespace ChargeNet.Drivers.Ocpp.CentralSystem;

/// <summary>
/// What became of the settings the edge sets after a boot, in every version (1.6 configuration keys,
/// 2.0.1 variables): Accepted and RebootRequired took; each other answer is recorded on the charge
/// point (<see cref="OcppChargePoint.RefusedKeys"/>) and reported (event <c>ocpp.config-key-refused</c>).
/// </summary>
public static class OcppRefusedSettings
{
    public static async Task RecordAsync(OcppChargePoint chargePoint, IEnumerable<(string Name, string Value, string Outcome)> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chargePoint);
        ArgumentNullException.ThrowIfNull(outcomes);
        var refused = new List<string>();
        foreach (var (name, value, outcome) in outcomes.Where(o => o.Outcome is not ("Accepted" or "RebootRequired")))
        {
            refused.Add(name);
            await chargePoint.Context.PublishAsync("warning", chargePoint.Id, "ocpp.config-key-refused", $"{name}={value} refused: {outcome}", cancellationToken).ConfigureAwait(false);
        }

        chargePoint.RefusedKeys = refused;
    }
}
