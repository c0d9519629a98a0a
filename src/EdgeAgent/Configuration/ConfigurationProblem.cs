namespace ChargeNet.EdgeAgent.Configuration;

/// <summary>One thing wrong with a site configuration, named by its JSON path.</summary>
/// <param name="Path">A JSON path such as <c>$.chargers[1].minCurrentA</c>.</param>
/// <param name="Message">What is wrong and why, in words an installer understands.</param>
/// <param name="Severity">An error refuses the document; a warning is reported and the document is applied.</param>
public sealed record ConfigurationProblem(string Path, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    public override string ToString() => Severity == ProblemSeverity.Warning
        ? $"{Path}: warning: {Message}"
        : $"{Path}: {Message}";
}
