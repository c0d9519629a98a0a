namespace ChargeNet.EdgeAgent.Domain;

/// <summary>A cloud command the edge has taken on.</summary>
/// <param name="Id">The command's id, chosen by the cloud.</param>
/// <param name="Name">The command (e.g. <c>set-site-limit</c>).</param>
/// <param name="At">When it was taken on.</param>
/// <param name="AnswerJson">Its answer as sent; null while it runs, or when the edge stopped before it was done.</param>
public sealed record CommandRecord(string Id, string Name, DateTimeOffset At, string? AnswerJson);
