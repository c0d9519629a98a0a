namespace ChargeNet.EdgeAgent.Cloud;

/// <summary>The outcome of <see cref="OutboxBoundPolicy"/>: whether the new message goes in and what gives way.</summary>
/// <param name="OverBound">Admitted although the outbox stays above its bound (a session, which is never dropped).</param>
public readonly record struct OutboxAdmission(bool Admit, int DropTelemetry, int DropEvents, bool OverBound = false)
{
    public bool Dropped => !Admit || DropTelemetry > 0 || DropEvents > 0;

    /// <summary>Something the operator must hear of: a message dropped, or the bound exceeded.</summary>
    public bool Noteworthy => Dropped || OverBound;
}
