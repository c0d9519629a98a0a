namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>GetLocalListVersionRequest (OCPP 2.0.1, D02): no fields.</summary>
public sealed record GetLocalListVersionRequest;

/// <summary>GetLocalListVersionResponse: 0 when the station has no list.</summary>
public sealed record GetLocalListVersionResponse(int VersionNumber);

/// <summary>SendLocalListRequest (OCPP 2.0.1, D01).</summary>
public sealed record SendLocalListRequest(int VersionNumber, string UpdateType, IReadOnlyList<AuthorizationData>? LocalAuthorizationList = null);

/// <summary>AuthorizationData: a token and, unless it is to be removed, its info.</summary>
public sealed record AuthorizationData(IdToken IdToken, IdTokenInfo? IdTokenInfo = null);
