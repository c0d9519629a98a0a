namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>UpdateFirmwareRequest (OCPP 2.0.1, L01).</summary>
public sealed record UpdateFirmwareRequest(int RequestId, Firmware Firmware);

/// <summary>FirmwareType: where and from when.</summary>
public sealed record Firmware(string Location, DateTimeOffset RetrieveDateTime);

/// <summary>GetLogRequest (OCPP 2.0.1, N01).</summary>
public sealed record GetLogRequest(string LogType, int RequestId, LogParameters Log);

/// <summary>LogParametersType.</summary>
public sealed record LogParameters(string RemoteLocation);

/// <summary>GetLogResponse: Accepted, Rejected or AcceptedCanceled, and the file name when known.</summary>
public sealed record GetLogResponse(string Status, string? Filename = null);
