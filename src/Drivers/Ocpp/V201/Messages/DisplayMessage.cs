namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>SetDisplayMessageRequest (OCPP 2.0.1, O01): one message for the station's display; its answer is a status (Accepted, NotSupportedMessageFormat, NotSupportedPriority, NotSupportedState, UnknownTransaction, Rejected).</summary>
public sealed record SetDisplayMessageRequest(MessageInfo Message);

/// <summary>
/// MessageInfoType: a message with the same <c>id</c> replaces the station's earlier one (O06 "Replace DisplayMessage"); <c>priority</c> AlwaysFront,
/// InFront or NormalCycle; <c>state</c> Charging, Faulted, Idle or Unavailable (shown only then); shown from
/// <c>startDateTime</c> until <c>endDateTime</c> ([Schemas 2.0.1]).
/// </summary>
public sealed record MessageInfo(
    int Id,
    string Priority,
    MessageContent Message,
    string? State = null,
    DateTimeOffset? StartDateTime = null,
    DateTimeOffset? EndDateTime = null,
    string? TransactionId = null);
