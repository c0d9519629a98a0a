namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>UpdateFirmware.conf.</summary>
public sealed record UpdateFirmwareResponse;
