namespace ChargeNet.SiteSimulator;

/// <summary>The ways a meter fails.</summary>
public enum MeterFault
{
    None,

    /// <summary>No answer at all: every read runs into the loop's read timeout.</summary>
    Silent,

    /// <summary>The port is closed: every read fails at once.</summary>
    PortClosed,

    /// <summary>The device answers with a Modbus exception.</summary>
    ExceptionAnswer,

    /// <summary>The values stay the same forever (a hung gateway answering from its cache).</summary>
    Frozen,

    /// <summary>One reading of NaN on one phase, then normal again (a bad float register).</summary>
    NotANumber,
}
