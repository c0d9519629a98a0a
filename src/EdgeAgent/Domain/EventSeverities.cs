namespace ChargeNet.EdgeAgent.Domain;

/// <summary>The values of <see cref="EdgeEvent.Severity"/>.</summary>
public static class EventSeverities
{
    public const string Info = "info";
    public const string Warning = "warning";
    public const string Error = "error";
}
