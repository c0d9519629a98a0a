namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>TransactionEventRequest (OCPP 2.0.1, E01–E15): Started, Updated or Ended, numbered by seqNo; offline when replayed.</summary>
public sealed record TransactionEventRequest(
    string EventType,
    DateTimeOffset Timestamp,
    string TriggerReason,
    int SeqNo,
    TransactionInfo TransactionInfo,
    bool? Offline = null,
    IdToken? IdToken = null,
    Evse? Evse = null,
    IReadOnlyList<MeterValue>? MeterValue = null);

/// <summary>TransactionType: the station's own transaction id (a string) and its charging state.</summary>
public sealed record TransactionInfo(string TransactionId, string? ChargingState = null, string? StoppedReason = null);

/// <summary>
/// TransactionEventResponse: the idToken's status when the event carried one; the transaction's cost incl. taxes
/// (running while it goes, I02.FR.01; final once it ended, I03) and a message for the driver.
/// </summary>
public sealed record TransactionEventResponse(IdTokenInfo? IdTokenInfo = null, decimal? TotalCost = null, MessageContent? UpdatedPersonalMessage = null);

/// <summary>GetTransactionStatusRequest (OCPP 2.0.1, E14): about one transaction, or (no id) about every queued message.</summary>
public sealed record GetTransactionStatusRequest(string? TransactionId = null);

/// <summary>GetTransactionStatusResponse: ongoingIndicator only when a transaction was named.</summary>
public sealed record GetTransactionStatusResponse(bool MessagesInQueue, bool? OngoingIndicator = null);
