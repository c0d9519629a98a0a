namespace ChargeNet.Drivers.Devices;

/// <summary>The answer to <see cref="ICharger.SetCurrentLimitAsync"/>.</summary>
/// <param name="Outcome">Accepted, rejected or failed.</param>
/// <param name="Detail">Why it was rejected or failed; null when accepted.</param>
public sealed record SetpointResult(SetpointOutcome Outcome, string? Detail = null)
{
    public static SetpointResult Accepted { get; } = new(SetpointOutcome.Accepted);

    public static SetpointResult Rejected(string detail) => new(SetpointOutcome.Rejected, detail);

    public static SetpointResult Failed(string detail) => new(SetpointOutcome.Failed, detail);
}
