namespace ChargeNet.Drivers.Modbus;

/// <summary>What a framer found at the start of a buffer.</summary>
public enum FrameStatus
{
    /// <summary>Not enough bytes yet; nothing consumed.</summary>
    Incomplete,

    /// <summary>A whole frame.</summary>
    Complete,

    /// <summary>The bytes cannot be a frame; the error says why.</summary>
    Invalid,
}
