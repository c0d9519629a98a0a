namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>GetLocalListVersion.conf: -1 when the charge point has no local list support.</summary>
public sealed record GetLocalListVersionResponse(
    int ListVersion);
