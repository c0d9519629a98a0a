namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>One configuration key as GetConfiguration returns it (OCPP 1.6, section 7).</summary>
public sealed record KeyValue(
    string Key,
    bool Readonly,
    string? Value = null);
