namespace ChargeNet.EdgeAgent.Control;

/// <summary>One connector as the page, the REST API and telemetry show it.</summary>
/// <param name="Id">The connector, 1-based.</param>
/// <param name="State">available, carConnected, charging, suspendedByCar, suspendedByController, faulted or unavailable.</param>
/// <param name="CurrentA">Measured current on the charger's L1, L2, L3.</param>
/// <param name="LimitA">The limit the controller set (the setpoint); null before the first.</param>
/// <param name="Reason">Why the limit is what it is (the balancer's reason code).</param>
/// <param name="Confirmed">False when the charger rejected or did not receive the limit.</param>
public sealed record ConnectorView(int Id, string State, double[] CurrentA, double? LimitA, string? Reason, bool Confirmed)
{
    /// <summary>The manual limit on this connector (its own or its charger's), or null.</summary>
    public double? ManualLimitA { get; init; }

    /// <summary>The running cost of the session on this connector (docs/pricing.md); null without a session or pricing, and then not in JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Pricing.SessionCost? Cost { get; init; }
}
