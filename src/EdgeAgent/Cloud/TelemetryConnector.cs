namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>One connector in telemetry: state, measured current per charger phase and the setpoint (null before the first).</summary>
public sealed record TelemetryConnector(int Id, string State, double[] CurrentA, double? LimitA);
