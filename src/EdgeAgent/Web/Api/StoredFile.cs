namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>A firmware file the edge serves, or a diagnostics file a charger uploaded.</summary>
public sealed record StoredFile(string? ChargerId, string FileName, long Bytes, DateTimeOffset ModifiedAt);
