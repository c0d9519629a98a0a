namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>One point of the grid chart: the measured current on L1, L2, L3.</summary>
public sealed record GridSamplePoint(DateTimeOffset Ts, double[] CurrentA);
