using System.Text.Json.Serialization;
using ChargeNet.EdgeAgent.Pricing;

namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>One connector in telemetry: state, measured current per charger phase and the setpoint (null before the first).</summary>
/// <param name="Cost">The running cost of its session (docs/pricing.md); left out without a session or pricing.</param>
public sealed record TelemetryConnector(int Id, string State, double[] CurrentA, double? LimitA,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SessionCost? Cost = null);
