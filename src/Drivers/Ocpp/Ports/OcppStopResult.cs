namespace ChargeNet.Drivers.Ocpp.Ports;

/// <summary>What <see cref="IOcppTransactionStore.StopTransactionAsync"/> did.</summary>
/// <param name="Session">The finished session.</param>
/// <param name="RecordedNow">False when this stop had been recorded before (a repeat or replay).</param>
public sealed record OcppStopResult(OcppSession Session, bool RecordedNow);
