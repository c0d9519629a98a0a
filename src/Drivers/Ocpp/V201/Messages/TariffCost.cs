namespace ChargeNet.Drivers.Ocpp.V201.Messages;

/// <summary>
/// MessageContentType: a text for a station's display. <c>format</c> one of ASCII, HTML, URI, UTF8; <c>language</c>
/// an RFC 5646 code of at most 8 characters; <c>content</c> at most 512 characters ([Schemas 2.0.1]).
/// </summary>
public sealed record MessageContent(string Format, string Content, string? Language = null);

/// <summary>CostUpdatedRequest (OCPP 2.0.1, I02): the running total cost incl. taxes of one transaction (transactionId ≤ 36 characters).</summary>
public sealed record CostUpdatedRequest(decimal TotalCost, string TransactionId);
