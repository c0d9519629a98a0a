namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>UpdateFirmware.conf.</summary>
public sealed record UpdateFirmwareResponse;
