namespace ChargeNet.Drivers.Templates;

/// <summary>How a charger expects to be told that its controller is still there.</summary>
public enum KeepAliveMethod
{
    /// <summary>The current limit is only valid for a while: write it again within the period.</summary>
    RewriteLimit,

    /// <summary>Write 0 and 1 in turn to a life-bit register.</summary>
    ToggleBit,

    /// <summary>Write a fixed value to a heartbeat register.</summary>
    Heartbeat,
}
