namespace ChargeNet.EdgeAgent.Domain;

/// <summary>One saved version of the site configuration.</summary>
/// <param name="Number">1, 2, 3, … in the order they were saved.</param>
/// <param name="CreatedAt">When it was saved.</param>
/// <param name="Source">Where it came from: <c>file</c>, <c>page</c>, <c>api</c>, <c>cloud</c> or <c>demo</c>.</param>
/// <param name="Author">Who saved it (a user name, a command id), when known.</param>
/// <param name="Json">The site.json document, secrets included (the store is the one place they live).</param>
public sealed record ConfigurationRevision(int Number, DateTimeOffset CreatedAt, string Source, string? Author, string Json);
