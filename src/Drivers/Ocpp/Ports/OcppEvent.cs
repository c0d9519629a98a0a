namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>An event about a charge point (docs/mqtt.md, <c>events</c>).</summary>
/// <param name="Timestamp">When it happened (the edge's clock).</param>
/// <param name="Severity">info, warning or error.</param>
/// <param name="ChargePointId">The source.</param>
/// <param name="Code">A stable machine-readable code, e.g. <c>ocpp.connected</c>.</param>
/// <param name="Message">For people; never a secret.</param>
public sealed record OcppEvent(DateTimeOffset Timestamp, string Severity, string ChargePointId, string Code, string Message);
