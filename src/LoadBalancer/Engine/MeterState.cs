namespace ChargeNet.LoadBalancer.Engine;

/// <summary>A circuit node's meter in one snapshot.</summary>
internal enum MeterState : byte
{
    None,
    Fresh,
    Stale,
}
