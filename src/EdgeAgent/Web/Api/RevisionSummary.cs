namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>One configuration revision in the list: when, by whom, from where.</summary>
public sealed record RevisionSummary(int Number, DateTimeOffset CreatedAt, string Source, string? Author);
