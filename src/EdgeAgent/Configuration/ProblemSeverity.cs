namespace ChargeNet.EdgeAgent.Configuration;

public enum ProblemSeverity
{
    Error,
    Warning,
}
