namespace ChargeNet.Drivers.Ocpp.V16.Messages;

/// <summary>Reset.req: Hard or Soft.</summary>
public sealed record ResetRequest(
    string Type);
