namespace ChargeNet.EdgeAgent.Web.Api;

/// <summary>The answer to an accepted <c>PUT /api/v1/config</c>.</summary>
/// <param name="Revision">The revision now in force.</param>
/// <param name="Unchanged">True when the document equalled the one in force, so no revision was added.</param>
/// <param name="Warnings">Problems that did not refuse the document, by JSON path.</param>
public sealed record ConfigAccepted(int Revision, bool Unchanged, IReadOnlyDictionary<string, string[]> Warnings);
