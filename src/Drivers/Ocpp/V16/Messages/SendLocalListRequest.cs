namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>SendLocalList.req: Full or Differential.</summary>
public sealed record SendLocalListRequest(
    int ListVersion,
    string UpdateType,
    IReadOnlyList<AuthorizationData>? LocalAuthorizationList = null);
