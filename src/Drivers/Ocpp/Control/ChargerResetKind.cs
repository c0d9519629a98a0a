namespace ChargeNet.Drivers.Ocpp.Control;

/// <summary>How a charger restarts: 1.6 Soft/Hard; 2.0.1 OnIdle/Immediate.</summary>
public enum ChargerResetKind
{
    /// <summary>Ends transactions cleanly and restarts the application (1.6 Soft, 2.0.1 OnIdle).</summary>
    Soft,

    /// <summary>Restarts at once (1.6 Hard, 2.0.1 Immediate).</summary>
    Hard,
}
