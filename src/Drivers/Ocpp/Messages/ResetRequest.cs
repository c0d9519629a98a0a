namespace ChargeNet.Drivers.Ocpp.Messages;

/// <summary>Reset.req: Hard or Soft.</summary>
public sealed record ResetRequest(
    string Type);
