namespace ChargeNet.EdgeAgent.Domain;

/// <summary>An alarm or a state change worth keeping and telling the cloud.</summary>
/// <param name="Id">Unique; the cloud drops repeats by it.</param>
/// <param name="Ts">When it happened.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>error</c>.</param>
/// <param name="Source">What it is about: <c>grid</c>, <c>site</c>, a charger or meter id, …</param>
/// <param name="Code">A stable machine-readable code, e.g. <c>grid.fallback.started</c>.</param>
/// <param name="Message">What happened, in words.</param>
public sealed record EdgeEvent(string Id, DateTimeOffset Ts, string Severity, string Source, string Code, string Message);
