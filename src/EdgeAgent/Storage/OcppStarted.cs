using ChargeNet.Drivers.Ocpp.Ports;
using ChargeNet.EdgeAgent.Sessions;

namespace ChargeNet.EdgeAgent.Storage;

/// <summary>A transaction the store recorded: its start as the charge point reported it, and its session as stored now.</summary>
public sealed record OcppStarted(int TransactionId, OcppTransactionStart Start, ChargingSession Session);
