namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>What came of an attempt to apply a new site configuration.</summary>
/// <param name="Applied">The configuration now in force when the document was accepted; null when refused.</param>
/// <param name="Problems">Every problem found (errors refuse the document; warnings do not).</param>
/// <param name="Unchanged">True when the document equals the one in force, so no revision was added.</param>
public sealed record ConfigurationApplyResult(AppliedConfiguration? Applied, IReadOnlyList<ConfigurationProblem> Problems, bool Unchanged = false)
{
    public bool Accepted => Applied is not null;
}
