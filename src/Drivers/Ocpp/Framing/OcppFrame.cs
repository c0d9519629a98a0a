namespace ChargeNet.Drivers.Ocpp.Framing;

/// <summary>One OCPP-J message: a CALL, a CALLRESULT or a CALLERROR, correlated by <see cref="MessageId"/>.</summary>
public abstract record OcppFrame(string MessageId);
