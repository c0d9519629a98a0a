using ChargeNet.Drivers.Devices;

namespace ChargeNet.EdgeAgent.Control;

/// <summary>The outcome of one charger read: its status, or why there is none.</summary>
internal sealed record ChargerReadResult(ChargerStatus? Status, string? Error);
