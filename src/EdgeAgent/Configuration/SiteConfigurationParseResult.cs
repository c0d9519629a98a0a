namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>What came of reading a site.json document: the configuration, or every problem found.</summary>
public sealed record SiteConfigurationParseResult(SiteConfiguration? Configuration, IReadOnlyList<ConfigurationProblem> Problems)
{
    /// <summary>True when there is a configuration and no problem is an error (warnings allowed).</summary>
    public bool IsValid => Configuration is not null && !Problems.Any(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<ConfigurationProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<ConfigurationProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);
}
