namespace ChargeNet.Drivers.Ocpp.Control;

/// <summary>What a station says of a transaction (OCPP 2.0.1 GetTransactionStatus, E14).</summary>
/// <param name="Ongoing">Whether the transaction asked about is still going; null when none was named (E14.FR.06).</param>
/// <param name="MessagesInQueue">Whether the station still holds transaction messages not yet delivered (of that transaction, or of any when none was named).</param>
public sealed record ChargerTransactionStatus(bool? Ongoing, bool MessagesInQueue);
