namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>UpdateFirmware.req: where to download the firmware and from when.</summary>
public sealed record UpdateFirmwareRequest(
    string Location,
    DateTimeOffset RetrieveDate,
    int? Retries = null,
    int? RetryInterval = null);
