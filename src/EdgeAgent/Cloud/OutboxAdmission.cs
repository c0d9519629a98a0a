namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The outcome of <see cref="OutboxBoundPolicy"/>: whether the new message goes in and what gives way.</summary>
public readonly record struct OutboxAdmission(bool Admit, int DropTelemetry, int DropEvents)
{
    public bool Dropped => !Admit || DropTelemetry > 0 || DropEvents > 0;
}
