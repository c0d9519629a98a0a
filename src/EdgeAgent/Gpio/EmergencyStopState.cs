namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>The emergency stop as the page and status show it.</summary>
/// <param name="Configured">An emergency-stop input is configured.</param>
/// <param name="InputActive">The input is active now (or cannot be read).</param>
/// <param name="Latched">A stop happened and has not been acknowledged: charging stays stopped until it is.</param>
public sealed record EmergencyStopState(bool Configured, bool InputActive, bool Latched);
