namespace ChargeNet.EdgeAgent.Gpio;

/// <summary>What came of acknowledging the emergency stop.</summary>
public enum EmergencyStopAcknowledgement
{
    /// <summary>The latch was released: charging may resume in the next cycle.</summary>
    Released,

    /// <summary>Nothing was latched (no stop since the last acknowledgement, or none configured).</summary>
    NotLatched,

    /// <summary>Refused: the input is still active (or cannot be read); release the button first.</summary>
    StillActive,
}
