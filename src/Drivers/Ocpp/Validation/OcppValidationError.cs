namespace ChargeNet.Drivers.Ocpp.Validation;

/// <summary>Why a payload was refused: the CALLERROR code and a description naming the field.</summary>
public sealed record OcppValidationError(string ErrorCode, string Description);
